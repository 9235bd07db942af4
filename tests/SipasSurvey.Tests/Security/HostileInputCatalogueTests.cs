using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using FastEndpoints;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;
using Xunit.Abstractions;

namespace SipasSurvey.Tests.Security;

/// <summary>
/// Every registered endpoint, every verb, as a stranger and as an administrator, against a catalogue
/// of hostile route values, query strings and bodies. Nothing may answer 5xx; every refusal is a
/// problem-details document (JSON API) or a page (everything else); and nothing is written.
/// </summary>
public sealed partial class HostileInputCatalogueTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestApp _app = new();

    // A NUL in the path never reaches the app (Kestrel answers 400 itself; see RawHttpTests): the in-memory server refuses to send it.
    private static readonly string[] HostileRouteValues =
    [
        "", "0", "-1", "99999999999999999999", "1e309", "0x10", "NaN", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows",
        "%C3%28", "%FF%FE", "%E2%80%AE", "Ph%C6%B0%E1%BB%9Dng", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%201%3D1--",
        new string('A', 4000), "%F0%9F%98%80", "a%20b", "%0D%0ASet-Cookie:%20x%3D1",
    ];

    private static readonly string[] HostileQueries =
    [
        "?quarter=2026-Q9", "?quarter=%00", "?from=2026-02-30&to=2026-03-01", "?from=2026-01-01&to=2020-01-01", "?from=1&to=%FF",
        "?channel=%3Cscript%3E", "?flagged=maybe", "?sort='%20OR%201=1--", "?by=..%2F..%2Fetc", "?q=" + new string('x', 5000),
        "?limit=-1&offset=-5", "?limit=1e9", "?lang=%E2%80%AE", "?quarter=2026-Q4&quarter=2026-Q3", "?format=..%2F..%2Fsipas.db",
    ];

    private static IEnumerable<(string Name, string ContentType, byte[] Body)> HostileBodies()
    {
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        yield return ("empty json", "application/json", []);
        yield return ("truncated json", "application/json", Utf8("{\"token\":\"abc\",\"answers\":{"));
        yield return ("json array", "application/json", Utf8("[1,2,3]"));
        yield return ("json null", "application/json", Utf8("null"));
        yield return ("deep nesting", "application/json", Utf8(new string('[', 5000) + new string(']', 5000)));
        yield return ("wrong types", "application/json", Utf8("{\"counterId\":\"abc\",\"count\":{},\"token\":5,\"answers\":[\"x\"],\"name\":[],\"id\":true,\"scope\":1}"));
        yield return ("huge numbers", "application/json", Utf8("{\"counterId\":1e308,\"count\":99999999999999999999,\"answers\":{\"TC1\":1e308}}"));
        yield return ("invalid utf-8", "application/json", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D]);
        yield return ("nul and controls", "application/json", Utf8("{\"token\":\"a\\u0000b\",\"comment\":\"\\u0001\\u0007\\u001b[31m\",\"name\":\"\\u0000\"}"));
        yield return ("lone surrogates", "application/json", Utf8("{\"field\":\"\\ud800\",\"name\":\"\\udc00x\",\"comment\":\"a\\ud800\",\"displayName\":\"\\ud800\",\"username\":\"\\udfff\"}"));
        yield return ("script and sql", "application/json", Utf8("{\"name\":\"<script>alert(1)</script>\",\"comment\":\"'); DROP TABLE responses;--\",\"communeCode\":\"' OR 1=1--\"}"));
        yield return ("long strings", "application/json", Utf8("{\"token\":\"" + new string('t', 100_000) + "\",\"comment\":\"" + new string('c', 200_000) + "\"}"));
        yield return ("form garbage", "application/x-www-form-urlencoded", Utf8("a=%ZZ&TC1=9&TC1=1&&=&%00=%00&comment=" + new string('x', 50_000)));
        yield return ("form invalid utf-8", "application/x-www-form-urlencoded", Utf8("comment=%C3%28%FF&TC1=%E2%80%AE5&username=%00&password=%00"));
        yield return ("multipart without boundary", "multipart/form-data", Utf8("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--"));
        yield return ("text/plain", "text/plain", Utf8("hello"));
        yield return ("csv garbage", "text/csv", Utf8("ma_xa,ten\n\"unterminated,\u0000\n" + string.Join("\n", Enumerable.Repeat("99999,x,y,z,w,v", 100))));
    }

    private static readonly string[] WatchedTables =
        ["responses", "slips", "users", "counters", "api_keys", "questionnaire_versions", "communes", "daily_stats", "alert_outbox"];

    [GeneratedRegex(@"\{([^}:]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private long[] Counts()
    {
        using var connection = _app.Database.Open();
        return WatchedTables.Select(t => connection.ExecuteScalar<long>($"SELECT count(*) FROM {t}")).ToArray();
    }

    [Fact]
    public async Task No_hostile_input_on_any_endpoint_gets_a_5xx_an_unexplained_refusal_or_a_write()
    {
        var demo = _app.Demo;
        var token = (await SlipApi.IssueAsync(_app))[0].GetProperty("token").GetString()!;
        var valid = new Dictionary<string, string>
        {
            // Ids that exist nowhere: a body-less POST to a real one (revoke, publish) would be a legitimate request, not a hostile one.
            ["token"] = token, ["counterId"] = demo.CounterId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["id"] = "987654", ["slipId"] = "987654",
            ["communeCode"] = "00070", ["provinceCode"] = "01", ["format"] = "csv",
        };
        using var stranger = _app.NewClient();
        using var admin = await People.AdminAsync(_app);
        var antiforgery = await People.AntiforgeryTokenAsync(admin, "/admin/users");
        var before = Counts();
        var endpoints = EndpointCatalog.All(_app.Services)
            .SelectMany(e => e.Metadata.GetMetadata<EndpointDefinition>()!.Verbs.Select(v => (Verb: v, Route: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(e => e.Route != "/signout")   // would end the administrator's session half-way through
            .ToList();
        var tried = 0;
        var failures = new List<string>();

        async Task Send(HttpClient client, string caller, string verb, string path, string? contentType, byte[]? body)
        {
            using var request = new HttpRequestMessage(new HttpMethod(verb), path);
            if (body is not null)
            {
                var bytes = body;
                if (caller == "admin" && contentType == "application/x-www-form-urlencoded")
                    bytes = [.. Encoding.ASCII.GetBytes("__af=" + Uri.EscapeDataString(antiforgery) + "&"), .. body];
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
            }
            tried++;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{caller} {verb} {Cut(path)} [{contentType}]: threw {e.GetType().Name}: {e.Message}");
                return;
            }
            using (response)
            {
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType ?? "";
                var text = await response.Content.ReadAsStringAsync();
                if (status >= 500)
                    failures.Add($"{caller} {verb} {Cut(path)} [{contentType}]: {status} {Cut(text)}");
                else if (status >= 400 && path.StartsWith("/api/", StringComparison.Ordinal) && type != "application/problem+json")
                    failures.Add($"{caller} {verb} {Cut(path)} [{contentType}]: {status} as {type}, not problem details");
                else if (status >= 400 && type is not ("application/problem+json" or "text/html") && status != 405)
                    failures.Add($"{caller} {verb} {Cut(path)} [{contentType}]: {status} as '{type}' with {text.Length} characters");
            }
        }

        foreach (var (verb, route) in endpoints)
        {
            var hasBody = verb is "POST" or "PUT";
            var validPath = RouteParameter().Replace(route, m => valid.GetValueOrDefault(m.Groups[1].Value, "987654"));
            foreach (var (caller, client) in new[] { ("stranger", stranger), ("admin", admin) })
            {
                // Hostile route values with an empty JSON object (or nothing) as the body.
                if (route.Contains('{', StringComparison.Ordinal))
                    foreach (var value in HostileRouteValues)
                        await Send(client, caller, verb, RouteParameter().Replace(route, value), hasBody ? "application/json" : null, hasBody ? "{}"u8.ToArray() : null);
                if (hasBody)
                    foreach (var (_, contentType, body) in HostileBodies())
                        await Send(client, caller, verb, validPath, contentType, body);
                else
                    foreach (var query in HostileQueries)
                        await Send(client, caller, verb, validPath + query, null, null);
            }
        }

        output.WriteLine($"{tried} hostile requests over {endpoints.Count} endpoint verbs");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} requests mishandled:\n" + string.Join("\n", failures.Take(40))
            + "\nErrors logged:\n" + string.Join("\n", _app.Logs.Entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal)).Take(3)));
        Assert.Equal(before, Counts());
        _app.AssertStoreSound();
    }

    private static string Cut(string text) => text.Length <= 120 ? text : text[..120] + "…";

    public void Dispose() => _app.Dispose();
}
