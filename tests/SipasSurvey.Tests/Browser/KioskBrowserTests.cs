using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Browser;

/// <summary>
/// The counter's kiosk in Chromium at tablet size (800×1280, touch): paired by an administrator's link,
/// idle until a slip is issued through the one-stop software's API, then the form; the citizen answers,
/// is thanked, and the tablet returns to idle with nothing of the answers left in the page or the history.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class KioskBrowserTests(BrowserFixture browser)
{
    private const string Comment = "Cán bộ hướng dẫn rất tận tình, cảm ơn";

    [Fact]
    public async Task A_citizen_answers_on_the_kiosk_is_thanked_and_the_tablet_returns_to_idle_with_nothing_to_go_back_to()
    {
        var app = browser.App;
        var counter = app.Demo.CounterId;
        // The administrator makes the pairing link on the counter's page, in a browser of their own.
        string link;
        await using (var office = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", BaseURL = app.BaseAddress.ToString() }))
        {
            var admin = await office.NewPageAsync();
            await browser.SignInAsync(admin, SipasSurvey.Features.Demo.DemoAccounts.AdminUsername);
            await admin.GotoAsync($"/admin/counters/{counter}");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Tạo liên kết ghép màn hình" }).ClickAsync();
            link = (await admin.Locator("#kiosk-pair-link").GetAttributeAsync("href"))!;
        }
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 800, Height = 1280 }, HasTouch = true, Locale = "vi-VN", BaseURL = app.BaseAddress.ToString(),
        });
        var kiosk = await context.NewPageAsync();
        await kiosk.GotoAsync(link);
        Assert.EndsWith($"/counters/{counter}/kiosk", kiosk.Url);
        // Whatever slip an earlier test left current at this counter: a phone answers it, so the kiosk starts idle.
        if (await kiosk.Locator("input[name=slip]").CountAsync() > 0)
        {
            var left = long.Parse(await kiosk.Locator("input[name=slip]").GetAttributeAsync("value") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            await AnswerOnPhoneAsync(app.Scalar<byte[]>("SELECT seed FROM slips WHERE id = @left", new { left }));
            await kiosk.ReloadAsync();
        }
        await kiosk.Locator("#kiosk[data-state=idle]").WaitForAsync(new() { Timeout = 5000 });
        await AssertAccessibleAsync(kiosk);

        // The officer issues a slip (here through the one-stop software's API): the kiosk shows its form by itself.
        JsonElement slip;
        using (var machine = People.WithKey(app, People.SlipsKey(app)))
        {
            var issued = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = counter });
            slip = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0];
        }
        var slipId = slip.GetProperty("slipId").GetInt64();
        await kiosk.Locator("form[data-survey]").WaitForAsync(new() { Timeout = 3000 });
        Assert.Equal(slipId.ToString(System.Globalization.CultureInfo.InvariantCulture), await kiosk.Locator("input[name=slip]").GetAttributeAsync("value"));
        Assert.Equal("off", await kiosk.Locator("form[data-survey]").GetAttributeAsync("autocomplete"));
        await AssertAccessibleAsync(kiosk);

        await kiosk.Locator("input[name=TC1][value='4']").CheckAsync();
        await kiosk.Locator("input[name=TC2][value='5']").CheckAsync();
        await kiosk.Locator("input[name=CC1][value='5']").CheckAsync();
        await kiosk.Locator("textarea[name=comment]").FillAsync(Comment);
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();

        await kiosk.Locator("#kiosk[data-state=done]").WaitForAsync(new() { Timeout = 5000 });
        Assert.Contains("Cảm ơn Ông/Bà", await kiosk.InnerTextAsync("h1"));
        await kiosk.Locator("#kiosk[data-state=idle]").WaitForAsync(new() { Timeout = 15000 });

        // Every move replaced the page in the history: the pairing link's entry and about:blank before it are all there is.
        Assert.Equal(2, await kiosk.EvaluateAsync<int>("history.length"));
        await kiosk.GoBackAsync();
        Assert.DoesNotContain("tận tình", await kiosk.ContentAsync());
        await kiosk.GoForwardAsync();
        await kiosk.Locator("#kiosk[data-state=idle]").WaitForAsync(new() { Timeout = 5000 });
        Assert.Equal(0, await kiosk.Locator("input:checked").CountAsync());
        Assert.DoesNotContain("tận tình", await kiosk.ContentAsync());

        var stored = app.Query<(string Channel, string? Comment)>("SELECT channel, comment FROM responses WHERE slip_id = @slipId", new { slipId });
        Assert.Equal([("kiosk", (string?)Comment)], stored);
    }

    [Fact]
    public async Task A_form_left_untouched_for_two_minutes_is_cleared_for_the_next_citizen()
    {
        var app = browser.App;
        var counter = app.Demo.CounterId;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 800, Height = 1280 }, HasTouch = true, Locale = "vi-VN", BaseURL = app.BaseAddress.ToString(),
        });
        await context.Clock.InstallAsync();
        var kiosk = await context.NewPageAsync();
        // The counter's staff may open the kiosk on the counter's own tablet without pairing.
        await browser.SignInAsync(kiosk, SipasSurvey.Features.Demo.DemoAccounts.StaffUsername);
        long slipId;
        using (var machine = People.WithKey(app, People.SlipsKey(app)))
        {
            var issued = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = counter });
            slipId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0].GetProperty("slipId").GetInt64();
        }
        await kiosk.GotoAsync($"/counters/{counter}/kiosk");
        await kiosk.Locator($"input[name=slip][value='{slipId}']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 5000 });

        // A citizen starts, then walks away.
        await kiosk.Locator("input[name=TC1][value='2']").CheckAsync();
        await kiosk.Locator("textarea[name=comment]").FillAsync("bỏ dở giữa chừng");
        await kiosk.Clock.FastForwardAsync("01:50");
        Assert.Equal(1, await kiosk.Locator("input[type=radio]:checked").CountAsync());
        await kiosk.Clock.FastForwardAsync("00:15");

        // Two minutes without a touch: the same slip's form again, blank.
        await kiosk.WaitForFunctionAsync("() => document.querySelectorAll('input[type=radio]:checked').length === 0 && document.querySelector('textarea[name=comment]') && document.querySelector('textarea[name=comment]').value === ''",
            null, new() { Timeout = 5000 });
        Assert.Equal(slipId.ToString(System.Globalization.CultureInfo.InvariantCulture), await kiosk.Locator("input[name=slip]").GetAttributeAsync("value"));
        Assert.Equal(0, app.Scalar<long>("SELECT count(*) FROM responses WHERE slip_id = @slipId", new { slipId }));
    }

    private async Task AnswerOnPhoneAsync(byte[] seed)
    {
        var token = SipasSurvey.Domain.Slips.SlipSecrets.Token(browser.App.Services.GetRequiredService<SipasSurvey.Infrastructure.Security.ServerKeys>().TokenKey, seed);
        using var phone = browser.App.NewClient();
        var stored = await phone.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 4 } });
        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
    }
}
