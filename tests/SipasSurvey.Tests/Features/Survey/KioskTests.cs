using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Survey;

/// <summary>"Quick" is 2 seconds and a kiosk burst 3 answers, so both can be seen in a short test.</summary>
public sealed class KioskApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sipas:Integrity:QuickSeconds", "2");
        builder.UseSetting("Sipas:Integrity:KioskBurstLength", "3");
    }
}

/// <summary>The counter's tablet as a kiosk: a citizen without a phone answers the slip just issued, stored as channel "kiosk".</summary>
public sealed partial class KioskTests : IClassFixture<KioskApp>
{
    private const string Tablet = "198.51.100.40";
    private readonly KioskApp _app;

    public KioskTests(KioskApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    [GeneratedRegex("id=\"kiosk-pair-link\" href=\"([^\"]+)\"")]
    private static partial Regex KioskPairLink();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"slip\" value=\"([0-9]+)\"")]
    private static partial Regex SlipField();

    private long Counter => _app.Demo.CounterId;

    /// <summary>A tablet paired as the demo counter's kiosk through the administrator's one-time link, on the counter's network.</summary>
    private async Task<HttpClient> PairedKioskAsync()
    {
        using var admin = await People.AdminAsync(_app);
        var made = await People.PostFormAsync(admin, $"/admin/counters/{Counter}", $"/admin/counters/{Counter}/screens", []);
        var link = new Uri(WebUtility.HtmlDecode(KioskPairLink().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value)).PathAndQuery;
        Assert.EndsWith("?mode=kiosk", link);
        var tablet = _app.NewClient();
        tablet.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, Tablet);
        tablet.DefaultRequestHeaders.UserAgent.ParseAdd("Tablet/1.0");
        var paired = await tablet.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, paired.StatusCode);
        Assert.Equal($"/counters/{Counter}/kiosk", paired.Headers.Location!.OriginalString);
        return tablet;
    }

    /// <summary>One slip issued through the one-stop software's API from the counter's network (the tablet's).</summary>
    private async Task<JsonElement> IssueAsync(int count = 1)
    {
        using var machine = People.WithKey(_app, People.SlipsKey(_app));
        machine.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, "198.51.100.9");
        var response = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = Counter, count });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient tablet, string token, long slipId, Dictionary<string, string> answers)
    {
        var fields = answers.Select(a => new KeyValuePair<string, string>(a.Key, a.Value))
            .Append(new("slip", slipId.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(new("__af", token)).Append(new("lang", "vi"));
        return await tablet.PostAsync($"/counters/{Counter}/kiosk", new FormUrlEncodedContent(fields));
    }

    /// <summary>The kiosk page now, which must be the form of <paramref name="slipId"/>: its antiforgery token.</summary>
    private async Task<string> FormTokenAsync(HttpClient tablet, long slipId)
    {
        var page = await tablet.GetAsync($"/counters/{Counter}/kiosk");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl!.NoStore);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(slipId.ToString(System.Globalization.CultureInfo.InvariantCulture) == SlipField().Match(html).Groups[1].Value, html);
        Assert.Contains("autocomplete=\"off\"", html);
        return Antiforgery().Match(html).Groups[1].Value;
    }

    private static readonly Dictionary<string, string> Mixed = new() { ["TC1"] = "4", ["TC2"] = "3", ["CC1"] = "5" };
    private static readonly Dictionary<string, string> Perfect = new() { ["TC1"] = "5", ["TC2"] = "5", ["CC1"] = "5", ["KQ1"] = "5" };

    [Fact]
    public async Task The_kiosk_shows_the_slip_just_issued_stores_its_answer_once_as_kiosk_and_returns_to_idle()
    {
        using var tablet = await PairedKioskAsync();
        var idle = await tablet.GetStringAsync($"/counters/{Counter}/kiosk");
        if (!idle.Contains("data-state=\"idle\"", StringComparison.Ordinal))
        {
            // Whatever an earlier test left current: revoke nothing, just answer it so the kiosk is idle.
            var left = long.Parse(SlipField().Match(idle).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await SendAsync(tablet, Antiforgery().Match(idle).Groups[1].Value, left, Mixed);
            idle = await tablet.GetStringAsync($"/counters/{Counter}/kiosk");
        }
        Assert.Contains("data-state=\"idle\"", idle);
        Assert.Contains("http-equiv=\"refresh\"", idle);   // without JavaScript it still moves on

        var slip = (await IssueAsync())[0];
        var slipId = slip.GetProperty("slipId").GetInt64();
        var token = await FormTokenAsync(tablet, slipId);
        // The citizen can switch the kiosk's form to English; it is the same slip's form.
        var english = await tablet.GetStringAsync($"/counters/{Counter}/kiosk?lang=en");
        Assert.Contains("<html lang=\"en\"", english);
        Assert.Contains(">Send<", english);
        Assert.Contains($"name=\"slip\" value=\"{slipId}\"", english);
        await Task.Delay(2100);   // past "quick"

        var sent = await SendAsync(tablet, token, slipId, new(Mixed) { ["comment"] = "Cán bộ hướng dẫn tận tình" });
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal($"/counters/{Counter}/kiosk?sent=1", sent.Headers.Location!.OriginalString);
        var thanks = await tablet.GetAsync(sent.Headers.Location);
        Assert.Contains("data-state=\"done\"", await thanks.Content.ReadAsStringAsync());
        Assert.True(thanks.Headers.CacheControl!.NoStore);

        var stored = _app.Query<(string Channel, string Source, string Answers, string? Comment, long Flags)>(
            "SELECT channel, source, answers, comment, flags FROM responses WHERE slip_id = @slipId", new { slipId }).Single();
        Assert.Equal(("kiosk", "form", "Cán bộ hướng dẫn tận tình"), (stored.Channel, stored.Source, stored.Comment));
        Assert.StartsWith("43", stored.Answers);
        // The tablet is on the network that issued the slip and answers every citizen: neither is a signal on a kiosk.
        Assert.Equal(0, stored.Flags);

        // Back to idle, with nothing of the answer in the page; the same form sent again stores nothing more.
        var after = await tablet.GetStringAsync($"/counters/{Counter}/kiosk");
        Assert.Contains("data-state=\"idle\"", after);
        Assert.DoesNotContain("tận tình", after);
        var again = await SendAsync(tablet, token, slipId, Mixed);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("đã được trả lời", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, _app.Scalar<long>("SELECT count(*) FROM responses WHERE slip_id = @slipId", new { slipId }));

        // A phone cannot answer it afterwards either: one response per slip, whichever way it came.
        using var phone = _app.NewClient();
        var late = await phone.PostAsJsonAsync("/api/v1/responses", new { token = slip.GetProperty("token").GetString(), answers = new Dictionary<string, int> { ["TC1"] = 1 } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Reports_count_kiosk_answers_apart_against_the_same_slips_issued()
    {
        using var tablet = await PairedKioskAsync();
        var slips = new List<JsonElement>();
        for (var i = 0; i < 3; i++) slips.Add((await IssueAsync())[0]);
        var token = await FormTokenAsync(tablet, slips[^1].GetProperty("slipId").GetInt64());
        // Two answered at the kiosk, one on a phone.
        foreach (var slip in slips.Take(2))
            Assert.Equal(HttpStatusCode.SeeOther, (await SendAsync(tablet, token, slip.GetProperty("slipId").GetInt64(), Mixed)).StatusCode);
        using (var phone = _app.NewClient())
            Assert.Equal(HttpStatusCode.Created, (await phone.PostAsJsonAsync("/api/v1/responses",
                new { token = slips[2].GetProperty("token").GetString(), answers = new Dictionary<string, int> { ["TC1"] = 4 } })).StatusCode);

        var commune = _app.Scalar<string>("SELECT commune_code FROM counters WHERE id = @Counter", new { Counter });
        var today = SipasSurvey.Domain.Time.VietnamTime.DayKey(DateTimeOffset.UtcNow);
        using var reports = People.WithKey(_app, People.ReportsKey(_app));
        var phoneReport = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/{commune}?from={today}&to={today}");
        var kioskReport = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/{commune}?from={today}&to={today}&channel=kiosk");
        long Stored(string channel) => _app.Scalar<long>("SELECT count(*) FROM responses WHERE commune_code = @commune AND day = @today AND channel = @channel",
            new { commune, today, channel });
        var issued = _app.Scalar<long>("SELECT count(*) FROM slips WHERE commune_code = @commune AND channel = 'slip' AND revoked_at IS NULL", new { commune });

        Assert.Equal("kiosk", kioskReport.GetProperty("channel").GetString());
        Assert.Equal(Stored("kiosk"), kioskReport.GetProperty("responses").GetInt64());
        Assert.Equal(Stored("slip"), phoneReport.GetProperty("responses").GetInt64());
        Assert.True(Stored("kiosk") >= 2 && Stored("slip") >= 1);
        Assert.Equal(Stored("kiosk"), phoneReport.GetProperty("kioskResponses").GetInt64());
        // One denominator, the slips staff issued: the two rates add up to the share of slips answered at all.
        Assert.Equal(issued, kioskReport.GetProperty("slipsIssued").GetInt64());
        Assert.Equal(issued, phoneReport.GetProperty("slipsIssued").GetInt64());
        Assert.Equal(100.0 * Stored("kiosk") / issued, kioskReport.GetProperty("responseRate").GetDouble(), 9);
        Assert.Equal(100.0 * (Stored("kiosk") + Stored("slip")) / issued,
            kioskReport.GetProperty("responseRate").GetDouble() + phoneReport.GetProperty("responseRate").GetDouble(), 9);

        // The leader's dashboard names the kiosk answers beside the default figures.
        using (var leader = await People.LeaderAsync(_app))
            Assert.Contains($"máy đánh giá tại quầy (kiosk, báo cáo riêng): <b>{Stored("kiosk")}</b>",
                await leader.GetStringAsync($"/reports/communes/{commune}?from={today}&to={today}"));

        var wrong = await reports.GetAsync($"/api/v1/reports/communes/{commune}?channel=tablet");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("channel must be slip, kiosk or poster.", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task On_a_kiosk_a_quick_answer_and_a_burst_of_top_scores_are_flagged_but_not_the_shared_device()
    {
        // The commune's usual answers: mixed, from phones (the burst is judged against them).
        foreach (var slip in (await IssueAsync(24)).EnumerateArray())
        {
            using var phone = _app.NewClient();
            phone.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, $"192.0.2.{slip.GetProperty("slipId").GetInt64() % 250 + 1}");
            Assert.Equal(HttpStatusCode.Created, (await phone.PostAsJsonAsync("/api/v1/responses",
                new { token = slip.GetProperty("token").GetString(), answers = new Dictionary<string, int> { ["TC1"] = 4, ["TC2"] = 3 } })).StatusCode);
        }
        using var tablet = await PairedKioskAsync();
        var quick = (await IssueAsync())[0].GetProperty("slipId").GetInt64();
        var token = await FormTokenAsync(tablet, quick);
        Assert.Equal(HttpStatusCode.SeeOther, (await SendAsync(tablet, token, quick, Mixed)).StatusCode);

        var burst = new List<long>();
        for (var i = 0; i < 4; i++) burst.Add((await IssueAsync())[0].GetProperty("slipId").GetInt64());
        await Task.Delay(2100);
        foreach (var slipId in burst) Assert.Equal(HttpStatusCode.SeeOther, (await SendAsync(tablet, token, slipId, Perfect)).StatusCode);

        long Flags(long slipId) => _app.Scalar<long>("SELECT flags FROM responses WHERE slip_id = @slipId", new { slipId });
        Assert.Equal((long)IntegritySignal.QuickAfterPrint, Flags(quick));
        // Five answers from one device on the counter's own network: no RepeatDevice, no CounterNetwork. The
        // third top score in a row within minutes, and every one after it, is a burst.
        Assert.Equal([0, 0, (long)IntegritySignal.TopScoreStreak, (long)IntegritySignal.TopScoreStreak], burst.Select(Flags).ToArray());
    }

    [Fact]
    public async Task A_kiosk_answers_only_slips_its_counter_issued_one_at_a_time_and_strangers_see_nothing()
    {
        using var stranger = _app.NewClient();
        var page = await stranger.GetAsync($"/counters/{Counter}/kiosk");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("liên kết ghép thiết bị", await page.Content.ReadAsStringAsync());

        using var tablet = await PairedKioskAsync();
        var single = (await IssueAsync())[0].GetProperty("slipId").GetInt64();
        var token = await FormTokenAsync(tablet, single);
        // A slip from a printed sheet goes home with a citizen: the kiosk cannot answer it.
        var sheet = (await IssueAsync(3))[0].GetProperty("slipId").GetInt64();
        var refused = await SendAsync(tablet, token, sheet, Mixed);
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.Contains("không còn trả lời được", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, _app.Scalar<long>("SELECT count(*) FROM responses WHERE slip_id = @sheet", new { sheet }));
        // Without the antiforgery field nothing is stored either.
        var forged = await tablet.PostAsync($"/counters/{Counter}/kiosk", new FormUrlEncodedContent([new("slip", single.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("TC1", "5")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, _app.Scalar<long>("SELECT count(*) FROM responses WHERE slip_id = @single", new { single }));
        // The tablet is bound to its counter; a stranger's post stores nothing.
        var other = _app.Scalar<long>("SELECT min(id) FROM counters WHERE id <> @Counter", new { Counter });
        Assert.Equal(HttpStatusCode.NotFound, (await tablet.GetAsync($"/counters/{other}/kiosk")).StatusCode);
        Assert.False((await stranger.PostAsync($"/counters/{Counter}/kiosk",
            new FormUrlEncodedContent([new("slip", single.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("TC1", "5")]))).IsSuccessStatusCode);
        Assert.Equal(0, _app.Scalar<long>("SELECT count(*) FROM responses WHERE slip_id = @single", new { single }));

        // Staff signed in for the counter may open it on the counter's own tablet without pairing.
        using var staff = await People.StaffAsync(_app);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/counters/{Counter}/kiosk")).StatusCode);
    }
}
