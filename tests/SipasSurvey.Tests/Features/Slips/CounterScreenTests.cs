using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Slips;

/// <summary>Pairing a tablet with a counter's citizen screen: an administrator's one-time link, no staff password on the device.</summary>
public sealed partial class CounterScreenTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public CounterScreenTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    [GeneratedRegex("id=\"pair-link\" href=\"([^\"]+)\"")]
    private static partial Regex PairLink();

    [Fact]
    public async Task A_paired_tablet_sees_its_counters_screen_and_nothing_else()
    {
        var counter = _app.Demo.CounterId;
        using var admin = await People.AdminAsync(_app);
        var made = await People.PostFormAsync(admin, $"/admin/counters/{counter}", $"/admin/counters/{counter}/screens", []);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var link = new Uri(WebUtility.HtmlDecode(PairLink().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value)).PathAndQuery;

        using var tablet = _app.NewClient();
        var before = await tablet.GetAsync($"/counters/{counter}/screen");   // before pairing: nothing to see, and the way in
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("liên kết ghép thiết bị", await before.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await tablet.GetAsync($"/counters/{counter}/screen/current")).StatusCode);
        var paired = await tablet.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, paired.StatusCode);
        Assert.Equal($"/counters/{counter}/screen", paired.Headers.Location!.OriginalString);
        Assert.Contains(paired.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sipas_screen=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        var page = await tablet.GetAsync($"/counters/{counter}/screen");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("http-equiv=\"refresh\"", await page.Content.ReadAsStringAsync());   // works without JavaScript too
        var current = JsonDocument.Parse(await tablet.GetStringAsync($"/counters/{counter}/screen/current")).RootElement;
        Assert.True(current.GetProperty("state").GetString() is "idle" or "slip");

        // A slip issued through the one-stop software's API shows on the paired screen; answered, the screen is idle.
        var slip = (await SlipApi.IssueAsync(_app, 1))[0];
        var shown = JsonDocument.Parse(await tablet.GetStringAsync($"/counters/{counter}/screen/current")).RootElement;
        Assert.Equal("slip", shown.GetProperty("state").GetString());
        Assert.Equal(slip.GetProperty("slipId").GetInt64(), shown.GetProperty("slipId").GetInt64());
        Assert.Contains(slip.GetProperty("code").GetString()!, shown.GetProperty("html").GetString());
        // Polled again by a screen that shows it already: the same slip, and no page fragment (no QR made again).
        var unchanged = JsonDocument.Parse(await tablet.GetStringAsync($"/counters/{counter}/screen/current?shown={slip.GetProperty("slipId").GetInt64()}")).RootElement;
        Assert.Equal(slip.GetProperty("slipId").GetInt64(), unchanged.GetProperty("slipId").GetInt64());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("html").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await tablet.GetAsync($"/counters/{counter}/screen/current?shown=abc")).StatusCode);
        using (var phone = _app.NewClient())
            Assert.Equal(HttpStatusCode.Created, (await phone.PostAsJsonAsync("/api/v1/responses",
                new { token = slip.GetProperty("token").GetString(), answers = new Dictionary<string, int> { ["TC1"] = 5 } })).StatusCode);
        Assert.Equal("idle", JsonDocument.Parse(await tablet.GetStringAsync($"/counters/{counter}/screen/current")).RootElement.GetProperty("state").GetString());

        // The device is bound to its counter: another counter's screen does not exist for it, nor does the desk.
        var other = _app.Scalar<long>("SELECT min(id) FROM counters WHERE id <> @counter", new { counter });
        Assert.Equal(HttpStatusCode.NotFound, (await tablet.GetAsync($"/counters/{other}/screen")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await tablet.GetAsync($"/counters/{counter}")).StatusCode);

        // The link works once.
        using var second = _app.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(link)).StatusCode);
    }
}
