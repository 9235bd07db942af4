using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SipasSurvey.Features.Demo;

namespace SipasSurvey.Tests.Browser;

[Collection(SharedBrowser.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_leader_reads_the_dashboard_on_a_phone()
    {
        Support.ReportsAppData.EnsureResponses(browser.App);
        await using var context = await browser.PhoneAsync();
        var page = await context.NewPageAsync();

        await browser.SignInAsync(page, DemoAccounts.LeaderUsername);
        await page.GotoAsync("/reports");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Mức độ hài lòng — Phường Hoàn Kiếm" }).WaitForAsync();

        var tiles = await page.Locator(".tile").AllInnerTextsAsync();
        var charts = await page.Locator("svg[role=img]").CountAsync();
        var trendTitle = await page.Locator("svg[role=img] title").Nth(1).TextContentAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        var chartWidth = await page.Locator("svg[role=img]").First.EvaluateAsync<double>("s => s.getBoundingClientRect().width");
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });

        Assert.Contains(tiles, t => t.StartsWith("Tỷ lệ hài lòng", StringComparison.Ordinal) && t.Contains('%'));
        Assert.Contains(tiles, t => t.StartsWith("Số phản hồi", StringComparison.Ordinal));
        Assert.True(charts >= 2);
        Assert.Equal("Tỷ lệ câu trả lời hài lòng theo ngày", trendTitle);
        Assert.False(overflow);
        Assert.InRange(chartWidth, 280, 360);
        Assert.True(axe.Violations.Length == 0, string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
    }
}
