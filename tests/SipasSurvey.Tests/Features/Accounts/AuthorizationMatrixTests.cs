using System.Net;
using System.Text;
using FastEndpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using SipasSurvey.Web.Identity;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Accounts;

/// <summary>
/// Every registered endpoint × every kind of caller, against a declared expectation. A new endpoint
/// without an entry here, or without AllowAnonymous or one of the named policies, fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public AuthorizationMatrixTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    public enum Who { Anonymous, Staff, Leader, Admin, SlipsKey, ReportsKey }

    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] People = [Who.Staff, Who.Leader, Who.Admin];
    private static readonly Who[] SlipIssuers = [Who.Staff, Who.Admin, Who.SlipsKey];
    private static readonly Who[] CounterDesk = [Who.Staff, Who.Admin];
    private static readonly Who[] ReportReaders = [Who.Leader, Who.Admin, Who.ReportsKey];
    private static readonly Who[] Leaders = [Who.Leader, Who.Admin];
    private static readonly Who[] Admins = [Who.Admin];

    /// <summary>Who may call what. Keys are "VERB route" exactly as registered.</summary>
    private static readonly Dictionary<string, Who[]> Expected = new()
    {
        ["GET /"] = Everyone,
        ["GET /healthz"] = Everyone,
        ["GET /healthz/ready"] = Everyone,
        ["GET /healthz/live"] = Everyone,
        ["GET /assets/form.js"] = Everyone,
        ["GET /signin"] = Everyone,
        ["POST /signin"] = Everyone,
        ["POST /signout"] = People,
        ["GET /account/password"] = People,
        ["POST /account/password"] = People,
        ["GET /account/digest"] = Leaders,
        // Public: a paired device has no session; the endpoints answer 404 unless the caller is the counter's staff or its paired device.
        ["GET /counters/{counterId}/screen"] = Everyone,
        ["GET /counters/{counterId}/screen/current"] = Everyone,
        ["GET /screens/pair/{token}"] = Everyone,
        ["GET /assets/screen.js"] = Everyone,
        ["GET /counters/{counterId}/kiosk"] = Everyone,
        ["POST /counters/{counterId}/kiosk"] = Everyone,
        ["GET /assets/kiosk.js"] = Everyone,
        ["POST /admin/counters/{id}/screens"] = Admins,
        ["POST /account/digest"] = Leaders,
        ["GET /ma"] = Everyone,
        ["POST /ma"] = Everyone,
        ["GET /s/{token}"] = Everyone,
        ["POST /s/{token}"] = Everyone,
        ["GET /s/{token}/qr.svg"] = Everyone,
        ["GET /s/{token}/qr.png"] = Everyone,
        ["GET /s/{token}/print"] = Everyone,
        ["GET /p/{counterId}/{token}"] = Everyone,
        ["POST /api/v1/responses"] = Everyone,
        ["POST /api/v1/slips"] = SlipIssuers,
        ["GET /api/v1/slips/{slipId}"] = SlipIssuers,
        ["POST /api/v1/slips/{slipId}/revoke"] = SlipIssuers,
        ["GET /api/v1/counters/{counterId}/slips"] = SlipIssuers,
        ["GET /counters"] = CounterDesk,
        ["GET /counters/{counterId}"] = CounterDesk,
        ["POST /counters/{counterId}/slips"] = CounterDesk,
        ["GET /counters/{counterId}/print"] = CounterDesk,
        ["POST /counters/{counterId}/slips/{slipId}/revoke"] = CounterDesk,
        ["GET /api/v1/reports/communes/{communeCode}"] = ReportReaders,
        ["GET /api/v1/reports/communes/{communeCode}/daily"] = ReportReaders,
        ["GET /api/v1/reports/communes/{communeCode}/breakdown"] = ReportReaders,
        ["GET /api/v1/reports/communes/{communeCode}/comments"] = ReportReaders,
        ["GET /api/v1/reports/provinces/{provinceCode}/ranking"] = ReportReaders,
        ["GET /api/v1/reports/communes/{communeCode}/export.{format}"] = ReportReaders,
        ["GET /api/v1/reports/communes/{communeCode}/responses.{format}"] = ReportReaders,
        ["GET /api/v1/reports/provinces/{provinceCode}/ranking.{format}"] = ReportReaders,
        ["GET /api/v1/reports/provinces/{provinceCode}/responses.{format}"] = ReportReaders,
        ["GET /reports"] = Leaders,
        ["GET /reports/communes/{communeCode}"] = Leaders,
        ["GET /reports/provinces/{provinceCode}"] = Admins,
        ["GET /admin"] = Admins,
        ["GET /admin/audit"] = Admins,
        ["GET /api/v1/admin/audit"] = Admins,
        ["GET /admin/counters"] = Admins,
        ["POST /admin/counters"] = Admins,
        ["GET /admin/counters/{id}"] = Admins,
        ["POST /admin/counters/{id}"] = Admins,
        ["GET /admin/counters/{id}/poster"] = Admins,
        ["GET /api/v1/admin/counters"] = Admins,
        ["POST /api/v1/admin/counters"] = Admins,
        ["PUT /api/v1/admin/counters/{id}"] = Admins,
        ["GET /admin/users"] = Admins,
        ["POST /admin/users"] = Admins,
        ["GET /admin/users/{id}"] = Admins,
        ["POST /admin/users/{id}"] = Admins,
        ["POST /admin/users/{id}/reset-password"] = Admins,
        ["GET /api/v1/admin/users"] = Admins,
        ["POST /api/v1/admin/users"] = Admins,
        ["PUT /api/v1/admin/users/{id}"] = Admins,
        ["POST /api/v1/admin/users/{id}/reset-password"] = Admins,
        ["GET /admin/api-keys"] = Admins,
        ["POST /admin/api-keys"] = Admins,
        ["POST /admin/api-keys/{id}/revoke"] = Admins,
        ["GET /api/v1/admin/api-keys"] = Admins,
        ["POST /api/v1/admin/api-keys"] = Admins,
        ["POST /api/v1/admin/api-keys/{id}/revoke"] = Admins,
        ["GET /admin/questionnaires"] = Admins,
        ["POST /admin/questionnaires"] = Admins,
        ["POST /admin/questionnaires/{id}/publish"] = Admins,
        ["GET /api/v1/admin/questionnaires"] = Admins,
        ["POST /api/v1/admin/questionnaires"] = Admins,
        ["POST /api/v1/admin/questionnaires/{id}/publish"] = Admins,
        ["GET /admin/units"] = Admins,
        ["POST /admin/units"] = Admins,
        ["POST /api/v1/admin/units/import"] = Admins,
    };

    private static IEnumerable<(string Key, RouteEndpoint Endpoint)> Registered(IServiceProvider services) =>
        EndpointCatalog.All(services).SelectMany(e => e.Metadata.GetMetadata<EndpointDefinition>()!.Verbs
            .Select(verb => ($"{verb} /{e.RoutePattern.RawText!.TrimStart('/')}", e)));

    [Fact]
    public void Every_endpoint_declares_anonymous_access_or_a_named_policy_and_is_in_the_matrix()
    {
        var registered = Registered(_app.Services).ToList();
        foreach (var (key, endpoint) in registered)
        {
            Assert.True(Expected.ContainsKey(key), $"{key} is not in the authorization matrix: declare who may call it.");
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            // "epPolicy:<type>" is FastEndpoints' own envelope around what the endpoint declared.
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy)
                .Where(p => p is not null && !p.StartsWith("epPolicy:", StringComparison.Ordinal)).ToList();
            Assert.True(anonymous || policies.Count > 0 && policies.All(p => Policies.All.Contains(p)),
                $"{key} must call AllowAnonymous() or Policies(...) with one of Policies.All (has: {string.Join(",", policies)}; anonymous: {anonymous})");
            Assert.Equal(Expected[key].Length == Everyone.Length, anonymous);
        }
        Assert.Empty(Expected.Keys.Except(registered.Select(r => r.Key)));
    }

    [Fact]
    public async Task Every_endpoint_admits_exactly_the_callers_it_declares()
    {
        var clients = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = _app.NewClient(),
            [Who.Staff] = await Support.People.StaffAsync(_app),
            [Who.Leader] = await Support.People.LeaderAsync(_app),
            [Who.Admin] = await Support.People.AdminAsync(_app),
            [Who.SlipsKey] = Support.People.WithKey(_app, Support.People.SlipsKey(_app)),
            [Who.ReportsKey] = Support.People.WithKey(_app, Support.People.ReportsKey(_app)),
        };
        var failures = new List<string>();
        // Sign-out last: it ends the sessions the other requests use.
        foreach (var (key, endpoint) in Registered(_app.Services).OrderBy(r => r.Key == "POST /signout"))
        {
            var allowed = Expected[key];
            var accepts = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is [var first, ..] ? first : null;
            foreach (var (who, client) in clients)
            {
                var response = await client.SendAsync(Request(key, accepts));
                var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                             || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal);
                if (response.StatusCode == HttpStatusCode.InternalServerError) failures.Add($"{key} as {who}: 500");
                else if (denied == allowed.Contains(who)) failures.Add($"{key} as {who}: {(int)response.StatusCode}, expected {(allowed.Contains(who) ? "allowed" : "denied")}");
            }
        }
        foreach (var client in clients.Values) client.Dispose();
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + _app.Logs);
    }

    /// <summary>Route values that exist in no scope: an admitted caller meets 400/404, never a side effect.</summary>
    private static HttpRequestMessage Request(string key, string? accepts)
    {
        var verb = key[..key.IndexOf(' ')];
        var path = key[(key.IndexOf(' ') + 1)..]
            .Replace("{communeCode}", "00070", StringComparison.Ordinal)
            .Replace("{provinceCode}", "01", StringComparison.Ordinal)
            .Replace("{format}", "csv", StringComparison.Ordinal)
            .Replace("{token}", "AAAAAAAAAAAAAAAAAAAAAA", StringComparison.Ordinal)
            .Replace("{counterId}", "999999", StringComparison.Ordinal)
            .Replace("{slipId}", "999999", StringComparison.Ordinal)
            .Replace("{id}", "999999", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(verb), path);
        if (verb is "POST" or "PUT")
            request.Content = accepts switch
            {
                "multipart/form-data" => new MultipartFormDataContent { { new StringContent(""), "nothing" } },
                "text/csv" => new StringContent("", Encoding.UTF8, "text/csv"),
                _ when path.StartsWith("/api/", StringComparison.Ordinal) => new StringContent("{}", Encoding.UTF8, "application/json"),
                _ => new FormUrlEncodedContent([]),
            };
        return request;
    }
}
