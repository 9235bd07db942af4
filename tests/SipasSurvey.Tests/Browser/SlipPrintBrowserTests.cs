using Microsoft.Playwright;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Browser;

[Collection(SharedBrowser.Name)]
public sealed class SlipPrintBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_58mm_receipt_renders_its_qr_and_vietnamese_text_in_chromium()
    {
        var slip = (await SlipApi.IssueAsync(browser.App))[0];
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            // 58 mm paper at 96 dpi: what the thermal printer driver lays out.
            ViewportSize = new ViewportSize { Width = 219, Height = 900 },
            DeviceScaleFactor = 3,
            BaseURL = browser.App.BaseAddress.ToString(),
        });
        var page = await context.NewPageAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var response = await page.GotoAsync(SlipApi.PathOf(slip.GetProperty("printUrl").GetString()!));
        var card = page.Locator(".slip");
        var box = await card.BoundingBoxAsync();
        var qr = page.Locator(".slip img");
        var qrLoaded = await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        var qrBox = await qr.BoundingBoxAsync();
        var screenshot = await qr.ScreenshotAsync();
        var text = await card.InnerTextAsync();

        Assert.Equal(200, response!.Status);
        Assert.True(qrLoaded);
        Assert.InRange(box!.Width, 200, 219);                       // 54 mm card fits the 58 mm roll
        Assert.InRange(qrBox!.Width, 148, 153);                     // 40 mm QR
        Assert.Equal(slip.GetProperty("url").GetString(), await Zbar.DecodeAsync(screenshot, "png"));
        Assert.Contains("PHIẾU KHẢO SÁT SỰ HÀI LÒNG", text);
        Assert.Contains("Phường Hoàn Kiếm", text);
        Assert.Contains("Quét mã QR bằng điện thoại để đánh giá sự hài lòng", text);
        Assert.Contains(slip.GetProperty("code").GetString()!, text);
        Assert.Contains("Hạn đánh giá:", text);
        Assert.False(await page.Locator(".toolbar").IsVisibleAsync(), "the toolbar must not print");
    }

    [Fact]
    public async Task An_officer_signs_in_issues_a_sheet_and_gets_an_a4_page_with_cut_lines()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 794, Height = 1123 }, // A4 at 96 dpi
            BaseURL = browser.App.BaseAddress.ToString(),
        });
        var page = await context.NewPageAsync();

        await browser.SignInAsync(page, SipasSurvey.Features.Demo.DemoAccounts.StaffUsername);
        await page.GotoAsync($"/counters/{browser.App.Demo.CounterId}");
        await page.GetByLabel("Số phiếu").FillAsync("6");
        await page.GetByLabel("Khổ giấy").SelectOptionAsync("a4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Phát phiếu và in" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/print\\?batch="));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var positions = await page.Locator(".slip").EvaluateAllAsync<double[][]>("cards => cards.map(c => { const r = c.getBoundingClientRect(); return [r.x, r.y, r.width]; })");
        var border = await page.Locator(".slip").First.EvaluateAsync<string>("c => getComputedStyle(c).borderTopStyle");
        var url = await Zbar.DecodeAsync(await page.Locator(".slip img").Nth(4).ScreenshotAsync(), "png");

        Assert.Equal(6, positions.Length);
        Assert.Equal(3, positions.Select(p => Math.Round(p[0])).Distinct().Count());   // three columns
        Assert.Equal(2, positions.Select(p => Math.Round(p[1])).Distinct().Count());   // two rows
        Assert.Equal("dashed", border);
        Assert.StartsWith(browser.App.BaseAddress + "s/", url);
    }
}
