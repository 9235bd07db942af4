using Dapper;
using Microsoft.Playwright;
using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Browser;

/// <summary>
/// A citizen's phone (Chromium) on the real form, through a real nginx with TLS, while the one app
/// server behind it restarts: the send meets nginx's 502, the form's script says so and sends again
/// with the same Idempotency-Key until the restarted server thanks the citizen; stored once.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ProxyRestartBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly string _data = TempFolder.Create("browser-restart");
    private Dictionary<string, string> _settings = null!;
    private ServerProcess _server = null!;
    private NginxProxy _nginx = null!;
    private int _publicPort;

    public async Task InitializeAsync()
    {
        // nginx's https port is chosen first (the slips' public address); the server starts behind it.
        _settings = new Dictionary<string, string>(TestEngine.ProcessEnvironment(_data)) { ["Sipas__Proxy__KnownProxies__0"] = "127.0.0.1" };
        _server = await ServerProcess.StartAsync(_data, _settings, demo: true, TimeSpan.FromMinutes(2));
        _nginx = NginxProxy.Start([_server.Port]);
        _publicPort = _nginx.HttpsPort;
    }

    [Fact]
    public async Task A_send_cut_off_by_a_restarting_server_is_retried_by_the_form_and_stored_once()
    {
        using var load = await Load.PrepareAsync(_server.BaseAddress, _data, 2);
        var token = (await load.IssueAsync(load.Counters[0], 1))[0];
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "vi-VN",
            IgnoreHTTPSErrors = true,   // the test's own self-signed certificate
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"https://127.0.0.1:{_publicPort}/s/{token}");
        foreach (var (item, label) in new[] { ("TC1", "5 Rất hài lòng"), ("TC2", "4 Hài lòng"), ("CC1", "5 Rất hài lòng") })
            await page.Locator($"#q-{item}").GetByRole(AriaRole.Radio, new() { Name = label, Exact = true }).Locator("xpath=..").ClickAsync();

        // The server goes down for a restart just before the citizen taps "send".
        Assert.Equal(0, await _server.StopAsync());
        var posts = 0;
        page.Request += (_, request) => { if (request.Method == "POST") Interlocked.Increment(ref posts); };
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await page.GetByText("Hệ thống đang bận, đang tự gửi lại…").WaitForAsync(new() { Timeout = 10_000 });
        _server = await ServerProcess.StartAsync(_data, _settings, demo: false, TimeSpan.FromMinutes(2), port: _server.Port);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà!" }).WaitForAsync(new() { Timeout = 45_000 });

        Assert.True(posts >= 2, $"{posts} sends");
        var database = TestEngine.OpenDatabase(_data);
        using var connection = database.Open();
        Assert.Equal(1L, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @hash", new { hash = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) }));
    }

    public async Task DisposeAsync()
    {
        _nginx?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        TempFolder.Delete(_data);
    }
}
