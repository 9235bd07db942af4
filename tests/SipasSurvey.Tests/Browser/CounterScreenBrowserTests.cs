using System.Diagnostics;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Playwright;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Browser;

/// <summary>
/// The paperless slip in Chromium: the officer's desk page in one tab, the counter's citizen screen
/// (a tablet at 800×1280) in another; the QR on the screen is read by zbarimg from a screenshot.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class CounterScreenBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_slip_issued_at_the_desk_appears_on_the_screen_within_2_seconds_and_goes_when_answered()
    {
        var counter = browser.App.Demo.CounterId;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 800, Height = 1280 }, Locale = "vi-VN", BaseURL = browser.App.BaseAddress.ToString(),
        });
        var desk = await context.NewPageAsync();
        await browser.SignInAsync(desk, SipasSurvey.Features.Demo.DemoAccounts.StaffUsername);
        var screen = await context.NewPageAsync();
        await screen.GotoAsync($"/counters/{counter}/screen");
        // Whatever an earlier test left on this counter: an answer ends it, so start from an idle screen.
        if (await screen.Locator("[data-state=slip]").CountAsync() > 0) await AnswerAsync(await ShownTokenAsync(screen));
        await screen.Locator("[data-state=idle]").WaitForAsync(new() { Timeout = 5000 });

        await desk.GotoAsync($"/counters/{counter}");
        await desk.GetByLabel("Số phiếu").FillAsync("1");
        // From the moment the desk has its answer (the slip is committed) to the screen showing it.
        await desk.RunAndWaitForResponseAsync(() => desk.GetByRole(AriaRole.Button, new() { Name = "Phát phiếu và in" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/slips", StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        await screen.Locator("[data-state=slip]").WaitForAsync(new() { Timeout = 2000 });
        var shownAfter = clock.Elapsed;

        var qr = screen.Locator(".screen-qr");
        var width = (await qr.BoundingBoxAsync())!.Width;
        var url = await Zbar.DecodeAsync(await screen.ScreenshotAsync(), "png");
        var token = url[(url.LastIndexOf('/') + 1)..];
        using (var connection = browser.App.Database.Open())
        {
            // The decoded address is the slip just issued at this counter, the newest one issued there.
            var slip = connection.QuerySingle<(long Id, long Counter)>("SELECT id, counter_id FROM slips WHERE token_hash = @hash", new { hash = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) });
            Assert.Equal(counter, slip.Counter);
            Assert.Equal(slip.Id, connection.ExecuteScalar<long>("SELECT max(id) FROM slips WHERE counter_id = @counter", new { counter }));
        }
        Assert.StartsWith(browser.App.BaseAddress + "s/", url);
        Assert.True(width >= 300, $"the QR is {width} px wide: too small to scan at arm's length");
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$", await screen.Locator(".screen-code").InnerTextAsync());
        Assert.True(shownAfter < TimeSpan.FromSeconds(2), $"shown after {shownAfter}");

        // The citizen answers on their phone: the screen returns to idle.
        await AnswerAsync(token);
        await screen.Locator("[data-state=idle]").WaitForAsync(new() { Timeout = 2000 });
    }

    private static async Task<string> ShownTokenAsync(IPage screen)
    {
        var url = await Zbar.DecodeAsync(await screen.ScreenshotAsync(), "png");
        return url[(url.LastIndexOf('/') + 1)..];
    }

    private async Task AnswerAsync(string token)
    {
        using var phone = browser.App.NewClient();
        var stored = await phone.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 5, ["TC2"] = 4, ["CC1"] = 5 } });
        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
    }
}
