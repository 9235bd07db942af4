using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SipasSurvey.Features.Demo;

namespace SipasSurvey.Tests.Browser;

/// <summary>
/// The province ranking as an administrator sees it in Chromium, on a phone (360 px) and a desk
/// (1280 px): screenshots kept under the test output (ranking-360.png, ranking-1280.png).
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class RankingBrowserTests(BrowserFixture browser)
{
    private static Dictionary<string, int> Items(params string[] ids) => ids.ToDictionary(i => i, _ => 4);

    /// <summary>One answer at a commune's counter: the signed-in administrator's browser makes a slips key for it, the "phone" answers.</summary>
    private async Task AnswerAtAsync(IPage admin, string commune, Dictionary<string, int> answers, string? field)
    {
        var counters = JsonDocument.Parse(await (await admin.APIRequest.GetAsync("/api/v1/admin/counters")).TextAsync()).RootElement.GetProperty("counters").EnumerateArray();
        var counter = counters.First(c => c.GetProperty("communeCode").GetString() == commune && c.GetProperty("active").GetBoolean()).GetProperty("id").GetInt64();
        var key = await admin.APIRequest.PostAsync("/api/v1/admin/api-keys", new() { DataObject = new { name = "ranking " + commune + " " + Guid.NewGuid().ToString("N")[..6], scope = "slips", counterIds = new[] { counter } } });
        Assert.True(key.Ok, await key.TextAsync());
        using var machine = new HttpClient { BaseAddress = browser.App.BaseAddress };
        machine.DefaultRequestHeaders.Authorization = new("Bearer", JsonDocument.Parse(await key.TextAsync()).RootElement.GetProperty("key").GetString());
        var issued = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = counter });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0].GetProperty("token").GetString();
        var stored = await machine.PostAsJsonAsync("/api/v1/responses", new { token, answers, field });
        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task The_ranking_fits_the_screen_with_vietnamese_headers_and_the_commune_column_in_view(int width)
    {
        Support.ReportsAppData.EnsureResponses(browser.App);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "vi-VN", BaseURL = browser.App.BaseAddress.ToString(),
            IsMobile = width < 600, HasTouch = width < 600,
        });
        var page = await context.NewPageAsync();
        await browser.SignInAsync(page, DemoAccounts.AdminUsername);
        // Other browser tests may have answered first (then demo mode generates nothing): make sure both
        // questionnaires have answers this quarter, so the ranking compares on the shared components.
        await AnswerAtAsync(page, "00070", Items("TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "CC4", "CC5", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3"), null);
        await AnswerAtAsync(page, "09568", Items("CC1", "CC2", "CC3", "KQ1", "KQ2", "PA1", "PA2", "PA3", "PA4"), "Hộ tịch");
        await page.GotoAsync("/reports/provinces/01");
        await page.Locator(".ranking table").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, $"ranking-{width}.png"), FullPage = true });

        var headers = await page.Locator(".ranking thead th").AllInnerTextsAsync();
        var pageOverflows = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        var tableScrolls = await page.Locator(".ranking").EvaluateAsync<bool>("r => r.scrollWidth > r.clientWidth + 1");
        var note = await page.Locator("#comparison").InnerTextAsync();
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });

        Assert.Equal(["Xã/phường", "Hạng", "Tỷ lệ hài lòng", "Điểm so sánh", "Tiếp cận", "Thủ tục", "Công chức", "Kết quả", "Phản ánh", "Phản hồi"], headers.Select(h => h.Trim()));
        Assert.Equal("Thủ tục hành chính", await page.Locator(".ranking thead abbr", new() { HasText = "Thủ tục" }).GetAttributeAsync("title"));
        Assert.Contains("3 thành phần chung", note);
        Assert.False(pageOverflows, "the page itself scrolls sideways");
        Assert.True(axe.Violations.Length == 0, string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
        if (width >= 1280)
        {
            // At a desk every column is in view at once, the last one included.
            Assert.False(tableScrolls, "the table needs a sideways scroll at 1280 px");
            var lastRight = await page.Locator(".ranking thead th").Last.EvaluateAsync<double>("h => h.getBoundingClientRect().right");
            Assert.True(lastRight <= width, $"the last column ends at {lastRight} px");
        }
        else
        {
            // On a phone the figures scroll sideways inside their box, and the commune names stay in view.
            Assert.True(tableScrolls);
            await page.Locator(".ranking").EvaluateAsync("r => r.scrollLeft = r.scrollWidth");
            var name = page.Locator(".ranking tbody th.unit").First;
            var left = await name.EvaluateAsync<double>("c => c.getBoundingClientRect().left");
            var boxLeft = await page.Locator(".ranking").EvaluateAsync<double>("r => r.getBoundingClientRect().left");
            Assert.InRange(left, boxLeft - 1, boxLeft + 1);
            var lastCell = await page.Locator(".ranking tbody tr").First.Locator("td").Last.EvaluateAsync<double>("c => c.getBoundingClientRect().right");
            Assert.True(lastCell <= width + 1, $"the last column ({lastCell} px) cannot be scrolled into view");
        }
    }
}
