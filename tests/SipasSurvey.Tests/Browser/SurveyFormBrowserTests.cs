using System.Text;
using Dapper;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Browser;

[Collection(SharedBrowser.Name)]
public sealed class SurveyFormBrowserTests(BrowserFixture browser)
{
    private const string Comment = "Cán bộ hướng dẫn tận tình, chu đáo. Cảm ơn phường!";

    /// <summary>What the citizen's camera sees: the slip's QR decoded by an independent decoder.</summary>
    private async Task<string> ScanNewSlipAsync()
    {
        var slip = (await SlipApi.IssueAsync(browser.App))[0];
        using var client = browser.App.NewClient();
        var png = await client.GetByteArrayAsync(SlipApi.PathOf(slip.GetProperty("qrPngUrl").GetString()!));
        return await Zbar.DecodeAsync(png, "png");
    }

    private static async Task AnswerAndSendAsync(IPage page)
    {
        // Taps on the visible answer boxes, as a thumb would; each box names its value and label.
        await Tap(page, "TC1", "5 Rất hài lòng");
        await Tap(page, "TC2", "4 Hài lòng");
        await Tap(page, "CC1", "5 Rất hài lòng");
        await Tap(page, "KQ1", "3 Bình thường");
        await page.GetByText("Thông tin về Ông/Bà (không bắt buộc)").ClickAsync();
        await page.Locator("#q-d\\.gender").GetByText("Nữ").ClickAsync();
        await page.GetByLabel("Ý kiến khác").FillAsync(Comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
    }

    private static Task Tap(IPage page, string item, string label) =>
        page.Locator($"#q-{item}").GetByRole(AriaRole.Radio, new() { Name = label, Exact = true }).Locator("xpath=..").ClickAsync();

    private (string Answers, string? Comment, string? Demographics) StoredFor(string url)
    {
        var token = url[(url.LastIndexOf('/') + 1)..];
        using var connection = browser.App.Database.Open();
        return connection.QuerySingle<(string, string?, string?)>(
            "SELECT r.answers, r.comment, r.demographics FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @hash",
            new { hash = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_citizen_scans_answers_on_a_phone_and_is_thanked(bool javaScript)
    {
        var url = await ScanNewSlipAsync();
        await using var context = await browser.PhoneAsync(javaScript);
        var page = await context.NewPageAsync();

        var opened = await page.GotoAsync(url);
        await AnswerAndSendAsync(page);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà!" }).WaitForAsync();

        Assert.Equal(200, opened!.Status);
        Assert.Contains("Đánh giá của Ông/Bà đã được ghi nhận", await page.InnerTextAsync("main"));
        var stored = StoredFor(url);
        Assert.Equal("54000000050300000000".Length - 1, stored.Answers.Length);
        Assert.Equal('5', stored.Answers[0]);   // TC1
        Assert.Equal('4', stored.Answers[1]);   // TC2
        Assert.Equal('5', stored.Answers[8]);   // CC1
        Assert.Equal('3', stored.Answers[13]);  // KQ1
        Assert.Equal(Comment.Normalize(NormalizationForm.FormC), stored.Comment);
        Assert.Contains("\"gender\":\"nu\"", stored.Demographics);

        // Back and send again: one response, and a friendly page rather than an error.
        await page.GoBackAsync();
        var again = await page.GotoAsync(url);
        Assert.Equal(200, again!.Status);
        Assert.Contains("đã được trả lời", await page.InnerTextAsync("main"));
    }

    [Fact]
    public async Task When_the_service_answers_503_the_form_says_so_and_retries_until_it_is_thanked()
    {
        var url = await ScanNewSlipAsync();
        await using var context = await browser.PhoneAsync();
        var page = await context.NewPageAsync();
        var posts = 0;
        // The first two sends meet a service at capacity (as the real one answers when its write queue is full).
        await page.RouteAsync("**/s/**", async route =>
        {
            if (route.Request.Method == "POST" && Interlocked.Increment(ref posts) <= 2)
                await route.FulfillAsync(new()
                {
                    Status = 503, ContentType = "application/problem+json", Body = "{\"status\":503}",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                });
            else
                await route.ContinueAsync();
        });

        await page.GotoAsync(url);
        await AnswerAndSendAsync(page);
        await page.GetByText("Hệ thống đang bận, đang tự gửi lại…").WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà!" }).WaitForAsync(new() { Timeout = 20_000 });

        Assert.Equal(3, posts);
        Assert.Equal('5', StoredFor(url).Answers[0]);
    }

    [Fact]
    public async Task The_form_the_error_page_and_the_thank_you_page_pass_an_axe_scan()
    {
        var url = await ScanNewSlipAsync();
        await using var context = await browser.PhoneAsync();
        var page = await context.NewPageAsync();
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

        await page.GotoAsync(url);
        await page.Locator("details").Nth(0).EvaluateAsync("d => d.open = true");
        await page.Locator("details").Nth(1).EvaluateAsync("d => d.open = true");
        var form = await page.RunAxe(options);
        await page.GotoAsync(url.Replace("/s/", "/s/", StringComparison.Ordinal) + "?lang=en");
        var english = await page.RunAxe(options);
        await page.GotoAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await page.Locator("#errors").WaitForAsync();
        var withErrors = await page.RunAxe(options);
        await AnswerAndSendAsync(page);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà!" }).WaitForAsync();
        var thanks = await page.RunAxe(options);

        foreach (var (name, result) in new[] { ("form", form), ("english", english), ("errors", withErrors), ("thanks", thanks) })
            Assert.True(result.Violations.Length == 0, name + ": " + string.Join("; ", result.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length})")));
    }

    [Fact]
    public async Task The_whole_page_weighs_at_most_30_kb_and_asks_no_other_site_for_anything()
    {
        var url = await ScanNewSlipAsync();
        await using var context = await browser.PhoneAsync();
        var page = await context.NewPageAsync();
        var requests = new List<IRequest>();
        page.Request += (_, request) => requests.Add(request);

        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });
        long total = 0;
        foreach (var request in requests)
        {
            var response = await request.ResponseAsync();
            if (response is not null) total += (await response.BodyAsync()).Length;
        }

        Assert.All(requests, r => Assert.StartsWith(browser.App.BaseAddress.ToString(), r.Url));
        Assert.Contains(requests, r => r.Url.Contains("/assets/form.js", StringComparison.Ordinal));
        Assert.True(total <= 30 * 1024, $"page weighs {total} bytes");
    }

    [Fact]
    public async Task At_200_percent_text_nothing_scrolls_sideways_and_send_is_reachable()
    {
        var url = await ScanNewSlipAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            BypassCSP = true,   // only to inject the larger font size, as a user's text-size setting would
            BaseURL = browser.App.BaseAddress.ToString(),
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.AddStyleTagAsync(new() { Content = "html{font-size:200% !important}" });

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" });
        await send.ScrollIntoViewIfNeededAsync();
        var tapTarget = await page.Locator("#q-TC1 label").First.BoundingBoxAsync();

        Assert.False(overflow);
        Assert.True(await send.IsVisibleAsync());
        Assert.True(tapTarget!.Height >= 44, $"tap target {tapTarget.Height}px high");
    }

    [Fact]
    public async Task The_keyboard_moves_through_the_form_in_reading_order_and_skips_the_honeypot()
    {
        var url = await ScanNewSlipAsync();
        await using var context = await browser.PhoneAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);

        var visited = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            visited.Add(await page.EvaluateAsync<string>("() => { const e = document.activeElement; return (e.name || e.id || e.tagName) + ''; }"));
        }

        Assert.DoesNotContain("website", visited);
        var firstItems = visited.Where(v => v is "TC1" or "TC2" or "TC3").Distinct().ToList();
        Assert.Equal(["TC1", "TC2", "TC3"], firstItems);
    }
}
