using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SipasSurvey.Bench;

/// <summary>HTTP clients and setup against a demo-mode server: keys, counters, a pool of issued slips.</summary>
public sealed partial class Load : IDisposable
{
    public const int SheetSize = 500;

    private readonly HttpClient _http;
    private readonly string _slipsKey;
    private readonly string _reportsKey;
    private readonly string _leaderCookie;

    private Load(HttpClient http, string slipsKey, string reportsKey, IReadOnlyList<long> counters, string communeCode, string leaderCookie = "")
    {
        _http = http;
        _slipsKey = slipsKey;
        _reportsKey = reportsKey;
        _leaderCookie = leaderCookie;
        Counters = counters;
        CommuneCode = communeCode;
    }

    public IReadOnlyList<long> Counters { get; }

    public string CommuneCode { get; }

    public HttpClient Http => _http;

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>A client of one server, or of several taken in turn, request by request (a load balancer's round robin).</summary>
    public static HttpClient NewClient(Uri baseAddress, int connections, IReadOnlyList<Uri>? otherServers = null)
    {
        var sockets = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        HttpMessageHandler handler = otherServers is { Count: > 0 } ? new RoundRobin([baseAddress, .. otherServers], sockets) : sockets;
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private sealed class RoundRobin(IReadOnlyList<Uri> servers, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var server = servers[(int)((uint)Interlocked.Increment(ref _next) % (uint)servers.Count)];
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = server.Host, Port = server.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Signs in as the demo administrator and creates a slips key for every counter on the SIPAS form.</summary>
    /// <remarks>With <paramref name="through"/> (a client of a reverse proxy in front of the servers) every measured request goes through it.</remarks>
    public static async Task<Load> PrepareAsync(Uri baseAddress, string dataDirectory, int connections, IReadOnlyList<Uri>? otherServers = null, HttpClient? through = null)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataDirectory, "demo-credentials.json")));
        var admin = credentials.RootElement.GetProperty("admin");
        using var browser = await SignInAsync(baseAddress, admin.GetProperty("username").GetString()!, admin.GetProperty("password").GetString()!);
        using var counterList = JsonDocument.Parse(await browser.GetStringAsync("/api/v1/admin/counters"));
        var counters = counterList.RootElement.GetProperty("counters").EnumerateArray()
            .Where(c => c.GetProperty("questionnaireVersion").GetString() == "sipas-2023@1" && c.GetProperty("active").GetBoolean())
            .Select(c => c.GetProperty("id").GetInt64()).ToList();
        var slipsKey = await CreateKeyAsync(browser, new { name = "bench " + Guid.NewGuid().ToString("N")[..6], scope = "slips", counterIds = counters });
        // The commune leader's dashboard is a signed-in page: keep the leader's session cookie.
        var leader = credentials.RootElement.GetProperty("leader");
        var leaderCookies = new CookieContainer();
        using (await SignInAsync(baseAddress, leader.GetProperty("username").GetString()!, leader.GetProperty("password").GetString()!, leaderCookies)) { }
        return new Load(through ?? NewClient(baseAddress, connections, otherServers), slipsKey,
            credentials.RootElement.GetProperty("reportsApiKey").GetString()!, counters, credentials.RootElement.GetProperty("communeCode").GetString()!,
            leaderCookies.GetCookieHeader(baseAddress));
    }

    /// <summary>For a seeded database: a province-wide reports key made by its administrator (no slips key).</summary>
    public static async Task<Load> PrepareReportsAsync(Uri baseAddress, string dataDirectory, int connections)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataDirectory, Seeder.CredentialsFile)));
        var admin = credentials.RootElement.GetProperty("admin");
        using var browser = await SignInAsync(baseAddress, admin.GetProperty("username").GetString()!, admin.GetProperty("password").GetString()!);
        var reportsKey = await CreateKeyAsync(browser, new { name = "bench reports " + Guid.NewGuid().ToString("N")[..6], scope = "reports" });
        return new Load(NewClient(baseAddress, connections), "", reportsKey, [], credentials.RootElement.GetProperty("communeCode").GetString()!);
    }

    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string username, string password, CookieContainer? cookies = null)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var form = await browser.GetStringAsync("/signin");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(form).Groups[1].Value);
        using var signedIn = await browser.PostAsync("/signin", new FormUrlEncodedContent([new("username", username), new("password", password), new("__af", token)]));
        if (signedIn.StatusCode != HttpStatusCode.Redirect && signedIn.StatusCode != HttpStatusCode.SeeOther)
            throw new InvalidOperationException($"sign-in as {username} failed: {signedIn.StatusCode}");
        return browser;
    }

    private static async Task<string> CreateKeyAsync(HttpClient browser, object request)
    {
        using var created = await browser.PostAsync("/api/v1/admin/api-keys", new StringContent(JsonSerializer.Serialize(request), Encoding.UTF8, "application/json"));
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating an API key failed: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        using var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return key.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Issues <paramref name="count"/> slips in sheets (spread over the counters) before the clock starts.</summary>
    public async Task<List<string>> IssueTokensAsync(int count, int parallel = 4)
    {
        var tokens = new List<string>(count);
        var sheets = (count + SheetSize - 1) / SheetSize;
        var done = 0;
        await Parallel.ForAsync(0, sheets, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var issued = await IssueAsync(Counters[i % Counters.Count], SheetSize, ct);
            lock (tokens) tokens.AddRange(issued);
            Interlocked.Increment(ref done);
        });
        return tokens;
    }

    public async Task<List<string>> IssueAsync(long counter, int count, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/slips")
        {
            Content = new StringContent($"{{\"counterId\":{counter},\"count\":{count}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _slipsKey);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"issue failed: {response.StatusCode}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        return json.RootElement.GetProperty("slips").EnumerateArray().Select(s => s.GetProperty("token").GetString()!).ToList();
    }

    public HttpRequestMessage IssueRequest(long counter, int count, bool includeQrSvg = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/slips")
        {
            Content = new StringContent($"{{\"counterId\":{counter},\"count\":{count}{(includeQrSvg ? ",\"includeQrSvg\":true" : "")}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _slipsKey);
        return request;
    }

    /// <summary>As a phone's browser asks for it: gzip accepted (the phone, not the server, inflates it).</summary>
    public static HttpRequestMessage FormRequest(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/s/" + token);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        return request;
    }

    public static HttpRequestMessage SubmitRequest(string token, Random random)
    {
        var body = new StringBuilder(256).Append("{\"token\":\"").Append(token).Append("\",\"answers\":{");
        string[] items = ["TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "CC4", "CC5", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3"];
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0) body.Append(',');
            var roll = random.NextDouble();
            body.Append('"').Append(items[i]).Append("\":").Append(roll switch { < 0.4 => 5, < 0.8 => 4, < 0.9 => 3, < 0.97 => 2, _ => 1 });
        }
        body.Append("}}");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", token);
        // Every answer from its own phone, as in life: a distinct browser string makes a distinct device signal.
        request.Headers.TryAddWithoutValidation("User-Agent",
            $"Mozilla/5.0 (Linux; Android 13; SM-A{token[..10]}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36");
        return request;
    }

    /// <summary>The leader's dashboard page for the demo commune, as the signed-in leader's browser asks for it.</summary>
    public HttpRequestMessage DashboardRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/reports/communes/{CommuneCode}");
        request.Headers.Add("Cookie", _leaderCookie);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        return request;
    }

    public HttpRequestMessage ReportRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _reportsKey);
        return request;
    }

    /// <summary>Runs <paramref name="workers"/> loops until the deadline; each records its own latencies.</summary>
    public static async Task<(Recorder Recorder, double Seconds)> RunAsync(int workers, TimeSpan duration, Func<int, Recorder, Task<bool>> step)
    {
        var recorder = new Recorder(workers);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
                if (!await step(w, recorder)) break;
        })));
        return (recorder, watch.Elapsed.TotalSeconds);
    }

    public static async Task<int> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException)
        {
            return -1;
        }
        finally
        {
            request.Dispose();
        }
    }

    public void Dispose() => _http.Dispose();
}
