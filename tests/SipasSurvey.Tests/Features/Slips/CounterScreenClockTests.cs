using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Slips;

/// <summary>The counter screen's two time limits on a moved clock: a pairing link lasts 15 minutes, an unanswered slip shows for Sipas:Slips:ScreenMinutes.</summary>
public sealed partial class CounterScreenClockTests : IDisposable
{
    private readonly ClockedTestApp _app = new();

    public CounterScreenClockTests() => _ = _app.Demo;

    [GeneratedRegex("id=\"pair-link\" href=\"([^\"]+)\"")]
    private static partial Regex PairLink();

    [Fact]
    public async Task A_pairing_link_expires_after_15_minutes_and_an_unanswered_slip_leaves_the_screen_after_5()
    {
        var counter = _app.Demo.CounterId;
        using var admin = await People.AdminAsync(_app);
        async Task<string> NewLinkAsync()
        {
            var made = await People.PostFormAsync(admin, $"/admin/counters/{counter}", $"/admin/counters/{counter}/screens", []);
            return new Uri(WebUtility.HtmlDecode(PairLink().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value)).PathAndQuery;
        }

        var stale = await NewLinkAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        using (var late = _app.NewClient()) Assert.Equal(HttpStatusCode.NotFound, (await late.GetAsync(stale)).StatusCode);

        using var tablet = _app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await tablet.GetAsync(await NewLinkAsync())).StatusCode);
        var slip = (await SlipApi.IssueAsync(_app, 1))[0];
        async Task<JsonElement> CurrentAsync() => JsonDocument.Parse(await tablet.GetStringAsync($"/counters/{counter}/screen/current")).RootElement;
        Assert.Equal(slip.GetProperty("slipId").GetInt64(), (await CurrentAsync()).GetProperty("slipId").GetInt64());

        _app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("slip", (await CurrentAsync()).GetProperty("state").GetString());
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("idle", (await CurrentAsync()).GetProperty("state").GetString());
    }

    public void Dispose() => _app.Dispose();
}
