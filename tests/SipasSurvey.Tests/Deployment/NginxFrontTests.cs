using System.Net;
using System.Net.Http.Json;
using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Deployment;

/// <summary>
/// One real app server behind a real nginx running deploy/nginx/sipas.conf, TLS at nginx. Phones reach
/// nginx from different loopback addresses (127.0.1.2, 127.0.2.3), as phones on different networks
/// reach a data centre; the app trusts 127.0.0.1 (nginx) as its proxy, as the environment template says.
/// </summary>
public sealed class NginxFrontTests : IAsyncLifetime
{
    private readonly string _data = TempFolder.Create("nginx-front");
    private ServerProcess _server = null!;
    private NginxProxy _nginx = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(TestEngine.ProcessEnvironment(_data))
        {
            ["Sipas__Proxy__KnownProxies__0"] = "127.0.0.1",
            ["Sipas__Limits__SubmitPerDevice"] = "2",
            ["Sipas__Integrity__QuickSeconds"] = "0",
        };
        _server = await ServerProcess.StartAsync(_data, settings, demo: true, TimeSpan.FromMinutes(2));
        _nginx = NginxProxy.Start([_server.Port]);
    }

    [Fact]
    public async Task Two_phones_through_nginx_are_two_devices_and_a_forged_forwarded_for_changes_nothing()
    {
        using var load = await Load.PrepareAsync(_server.BaseAddress, _data, 4);
        var tokens = await load.IssueAsync(load.Counters[0], 10);
        using var phoneA = _nginx.Client(IPAddress.Parse("127.0.1.2"));
        using var phoneB = _nginx.Client(IPAddress.Parse("127.0.2.3"));

        // Through nginx, one browser build on two phones: two allowances of 2 a minute, not one shared by the city.
        var a = new List<int>();
        for (var i = 0; i < 3; i++) a.Add(await Answer(phoneA, tokens[i], forged: $"198.51.100.{i + 1}"));
        var b = new List<int>();
        for (var i = 3; i < 5; i++) b.Add(await Answer(phoneB, tokens[i]));
        Assert.Equal([201, 201, 429], a);   // the forged X-Forwarded-For sent to nginx did not make phone A three devices
        Assert.Equal([201, 201], b);

        // Straight to the app server from an address that is not the proxy: its X-Forwarded-For is ignored too.
        using var direct = NginxProxy.ClientFrom(_server.BaseAddress, IPAddress.Parse("127.0.5.5"), null);
        var forged = new List<int>();
        for (var i = 5; i < 8; i++) forged.Add(await Answer(direct, tokens[i], forged: $"100.64.{i}.1"));
        Assert.Equal([201, 201, 429], forged);
    }

    [Fact]
    public async Task Https_at_nginx_means_hsts_secure_cookies_https_links_and_http_redirects()
    {
        using var browser = _nginx.Client(IPAddress.Parse("127.0.3.4"));
        var signIn = await browser.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("max-age=31536000", signIn.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(signIn.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var plain = NginxProxy.ClientFrom(new Uri($"http://127.0.0.1:{_nginx.HttpPort}/"), null, null);
        var redirect = await plain.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"https://127.0.0.1:{_nginx.HttpsPort}/signin", redirect.Headers.Location!.ToString());

        // Directly over http the same page carries no HSTS (a browser would ignore it there anyway).
        using var direct = new HttpClient { BaseAddress = _server.BaseAddress };
        Assert.False((await direct.GetAsync("/signin")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Nginx_hides_metrics_and_refuses_bodies_the_service_would_refuse()
    {
        using var stranger = _nginx.Client(IPAddress.Parse("127.0.4.5"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/metrics")).StatusCode);
        // The app's own rule, without nginx's: loopback may read it, a caller behind the trusted proxy may not.
        using var direct = new HttpClient { BaseAddress = _server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/metrics")).StatusCode);

        var huge = new StringContent(new string('x', 2 * 1024 * 1024), System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await stranger.PostAsync("/api/v1/responses", huge)).StatusCode);
    }

    private static async Task<int> Answer(HttpClient client, string token, string? forged = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses")
        {
            Content = JsonContent.Create(new { token, answers = new Dictionary<string, int> { ["TC1"] = 4, ["TC2"] = 3, ["CC1"] = 5 } }),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (Linux; Android 13; SM-A145F) Chrome/131.0 Mobile");
        if (forged is not null) request.Headers.Add("X-Forwarded-For", forged);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        _nginx?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        TempFolder.Delete(_data);
    }
}
