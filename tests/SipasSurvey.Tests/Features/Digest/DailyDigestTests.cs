using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using SipasSurvey.Features.Demo;
using SipasSurvey.Tests.Features.Alerts;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Digest;

/// <summary>
/// Two working days on a moved clock (the coming Monday and Tuesday, Vietnam time), two
/// communes whose leaders asked for the digest (Phường Hoàn Kiếm, answered; Phường Phú Lương, no
/// answers), a real SMTP server and a webhook receiver, and a restart of the service in between.
/// </summary>
public sealed class DailyDigestTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly DateTimeOffset MondayBefore = DigestDays.MondayBefore;
    private static readonly DateOnly Monday = DigestDays.Monday;
    private static readonly DateOnly Tuesday = Monday.AddDays(1);

    private static string Key(DateOnly day) => DigestDays.Key(day);

    private readonly FakeReceiver _webhook = new();
    private readonly SmtpReceiver _smtp = new();
    private ClockedTestApp _app = null!;

    public Task InitializeAsync()
    {
        _app = NewApp(null);
        _app.Clock.SetUtcNow(MondayBefore);
        _ = _app.Demo;
        return Task.CompletedTask;
    }

    private ClockedTestApp NewApp(string? dataDirectory) =>
        DigestDays.Configure(dataDirectory is null ? new ClockedTestApp() : new ClockedTestApp { DataDirectory = dataDirectory }, _webhook, _smtp);

    [Fact]
    public async Task Each_commune_gets_one_digest_a_day_by_webhook_and_mail_with_the_reports_figures_and_a_restart_sends_nothing_twice()
    {
        // The demo leader of Phường Hoàn Kiếm asks for it on the page; a leader of Phường Phú Lương has asked too.
        using (var leader = await People.LeaderAsync(_app))
        {
            var saved = await People.PostFormAsync(leader, "/account/digest", "/account/digest", [new("dailyDigest", "true"), new("email", "chutich@hoankiem.hanoi.gov.vn")]);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var refused = await People.PostFormAsync(leader, "/account/digest", "/account/digest", [new("dailyDigest", "true"), new("email", "not an address")]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        var now = _app.Clock.GetUtcNow();
        _app.Scalar<long>(
            """
            INSERT INTO users (username, display_name, role, province_code, commune_code, password_hash, security_stamp, created_at, password_changed_at, email, daily_digest)
            VALUES ('lanhdao.phuluong', 'Lãnh đạo Phú Lương', 'leader', '01', '09568', 'x', 'x', @now, @now, 'chutich@phuluong.hanoi.gov.vn', 1) RETURNING id
            """, new { now });

        // Monday: three answers at Hoàn Kiếm (one with a low component, one with a comment), none at Phú Lương.
        await AnswerAsync(new Dictionary<string, int> { ["TC1"] = 5, ["TC2"] = 4, ["CC1"] = 5 }, "Cán bộ tận tình, chu đáo.");
        await AnswerAsync(new Dictionary<string, int> { ["TC1"] = 4, ["TC2"] = 4, ["CC1"] = 4 }, null);
        await AnswerAsync(new Dictionary<string, int> { ["TC1"] = 1, ["TC2"] = 2, ["CC1"] = 3 }, null);
        await Task.Delay(500);
        Assert.Empty(_smtp.Messages);   // not before 17:00

        _app.Clock.SetUtcNow(MondayBefore.AddMinutes(11));   // 17:01
        await WaitForAsync(() => _smtp.Messages.Count >= 2 && Digests().Count >= 2);
        var monday = Digests();
        Assert.Equal(["00070", "09568"], monday.Select(d => d.GetProperty("communeCode").GetString()).Order());
        var hoanKiem = monday.Single(d => d.GetProperty("communeCode").GetString() == "00070");
        using (var reports = People.WithKey(_app, People.ReportsKey(_app)))
        {
            var report = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/00070?from={Key(Monday)}&to={Key(Monday)}");
            Assert.Equal(report.GetProperty("responses").GetInt64(), hoanKiem.GetProperty("responses").GetInt64());
            Assert.Equal(3, hoanKiem.GetProperty("responses").GetInt64());
            Assert.Equal(report.GetProperty("serviceIndex").GetDouble(), hoanKiem.GetProperty("serviceIndex").GetDouble(), 9);
            Assert.Equal(report.GetProperty("slipsIssued").GetInt64(), hoanKiem.GetProperty("slipsIssued").GetInt64());
        }
        Assert.Equal(1, hoanKiem.GetProperty("lowScoreResponses").GetInt64());
        Assert.Equal("Cán bộ tận tình, chu đáo.", hoanKiem.GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.Equal("https://khaosat.hanoi.gov.vn/reports/communes/00070", hoanKiem.GetProperty("dashboardUrl").GetString());
        Assert.Equal(0, monday.Single(d => d.GetProperty("communeCode").GetString() == "09568").GetProperty("responses").GetInt64());
        var mails = _smtp.Messages.ToList();
        var toHoanKiem = mails.Single(m => m.To.Contains("chutich@hoankiem.hanoi.gov.vn")).Message;
        Assert.StartsWith($"Khảo sát hài lòng Phường Hoàn Kiếm ngày {Monday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}: 3 phản hồi", toHoanKiem.Subject);
        Assert.Contains("Phản hồi có thành phần bị chấm điểm thấp: 1", toHoanKiem.TextBody);
        Assert.Contains("Cán bộ tận tình, chu đáo.", toHoanKiem.HtmlBody);
        var toPhuLuong = mails.Single(m => m.To.Contains("chutich@phuluong.hanoi.gov.vn")).Message;
        Assert.Equal($"Khảo sát hài lòng Phường Phú Lương ngày {Monday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}: chưa có phản hồi", toPhuLuong.Subject);
        Assert.Contains("Hôm nay chưa có phản hồi nào", toPhuLuong.TextBody);
        // Keyed and signed like the alerts (the low answer's own alert went to the same receiver).
        var digestDeliveries = _webhook.Accepted.Where(a => a.Body.Contains("sipas.daily-digest", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, digestDeliveries.Select(a => a.Key).Distinct().Count());
        Assert.Contains(_webhook.Accepted, a => a.Body.Contains("sipas.low-score", StringComparison.Ordinal));

        // The service restarts at 17:05: nothing is sent again for Monday.
        _app.KeepDataOnDispose = true;
        var data = _app.DataDirectory;
        _app.Dispose();
        _app = NewApp(data);
        _app.Clock.SetUtcNow(MondayBefore.AddMinutes(15));
        _ = _app.Services;
        await Task.Delay(1500);
        Assert.Equal(2, _smtp.Messages.Count);
        Assert.Equal(2, Digests().Count);

        // Tuesday 17:01: one more each, the "no answers today" note for both.
        _app.Clock.SetUtcNow(MondayBefore.AddDays(1).AddMinutes(11));
        await WaitForAsync(() => _smtp.Messages.Count >= 4 && Digests().Count >= 4);
        await Task.Delay(1000);
        Assert.Equal(4, _smtp.Messages.Count);
        var all = Digests();
        Assert.Equal(4, all.Count);
        Assert.Equal(4, all.Select(d => d.GetProperty("communeCode").GetString() + d.GetProperty("day").GetString()).Distinct().Count());
        var tuesday = all.Single(d => d.GetProperty("communeCode").GetString() == "00070" && d.GetProperty("day").GetString() == Key(Tuesday));
        Assert.Equal(0, tuesday.GetProperty("responses").GetInt64());
        Assert.Equal(3, tuesday.GetProperty("previous7Days").GetProperty("responses").GetInt64());

        // Saturday 17:01 is not a working day (Sipas:Digest:Days): nothing more.
        _app.Clock.SetUtcNow(MondayBefore.AddDays(5).AddMinutes(11));
        await Task.Delay(1000);
        Assert.Equal(4, _smtp.Messages.Count);
        Assert.Equal(4, Digests().Count);
    }

    private List<JsonElement> Digests() =>
        _webhook.Accepted.Select(a => JsonDocument.Parse(a.Body).RootElement).Where(b => b.GetProperty("type").GetString() == "sipas.daily-digest").ToList();

    private async Task AnswerAsync(Dictionary<string, int> answers, string? comment)
    {
        var token = await Slips.SlipApi.IssueTokenAsync(_app);
        using var phone = _app.NewClient();
        var stored = await phone.PostAsJsonAsync("/api/v1/responses", new { token, answers, comment });
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done() && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(done(), "timed out");
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        _app.KeepDataOnDispose = false;
        _app.Dispose();
        TempFolder.Delete(_app.DataDirectory);
        await _webhook.DisposeAsync();
        _smtp.Dispose();
    }
}

/// <summary>The clock and settings the digest tests share.</summary>
internal static class DigestDays
{
    // The coming Monday (the fake clock only moves forward), 16:50 in Hà Nội.
    public static readonly DateTimeOffset MondayBefore = NextMonday();
    public static readonly DateOnly Monday = DateOnly.FromDateTime(MondayBefore.UtcDateTime);

    private static DateTimeOffset NextMonday()
    {
        var day = DateTime.UtcNow.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Monday) day = day.AddDays(1);
        return new DateTimeOffset(day.AddHours(9).AddMinutes(50), TimeSpan.Zero);
    }

    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static ClockedTestApp Configure(ClockedTestApp app, FakeReceiver webhook, SmtpReceiver smtp)
    {
        app.Settings["Sipas:PublicBaseUrl"] = "https://khaosat.hanoi.gov.vn";
        app.Settings["Sipas:Digest:PollInterval"] = "00:00:00.1";
        app.Settings["Sipas:Alerts:WebhookUrl"] = webhook.Url;
        app.Settings["Sipas:Alerts:PollInterval"] = "00:00:00.2";
        app.Settings["Sipas:Mail:Host"] = "127.0.0.1";
        app.Settings["Sipas:Mail:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        app.Settings["Sipas:Mail:Security"] = "None";
        app.Settings["Sipas:Mail:From"] = "Khảo sát hài lòng <khaosat@hanoi.gov.vn>";
        app.Settings["Sipas:Mail:PollInterval"] = "00:00:00.2";
        return app;
    }
}

/// <summary>Two app servers on one PostgreSQL database, both schedulers due at the same moment: each commune still gets one digest.</summary>
[Trait("Engine", "postgresql")]
public sealed class DailyDigestTwoServerTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly FakeReceiver _webhook = new();
    private readonly SmtpReceiver _smtp = new();
    private ClockedTestApp _a = null!;
    private ClockedTestApp _b = null!;

    public Task InitializeAsync()
    {
        _a = DigestDays.Configure(new ClockedTestApp(), _webhook, _smtp);
        _a.Clock.SetUtcNow(DigestDays.MondayBefore);
        _ = _a.Demo;
        _b = DigestDays.Configure(new ClockedTestApp { SharesDatabaseWith = _a }, _webhook, _smtp);
        _b.Clock.SetUtcNow(DigestDays.MondayBefore);
        _ = _b.Services;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_servers_due_at_once_send_one_digest_per_commune()
    {
        var now = _a.Clock.GetUtcNow();
        _a.Scalar<long>("UPDATE users SET daily_digest = 1, email = 'chutich@hoankiem.hanoi.gov.vn' WHERE username = @name RETURNING id",
            new { name = SipasSurvey.Features.Demo.DemoAccounts.LeaderUsername });
        _a.Scalar<long>(
            """
            INSERT INTO users (username, display_name, role, province_code, commune_code, password_hash, security_stamp, created_at, password_changed_at, email, daily_digest)
            VALUES ('lanhdao.phuluong', 'Lãnh đạo Phú Lương', 'leader', '01', '09568', 'x', 'x', @now, @now, 'chutich@phuluong.hanoi.gov.vn', 1) RETURNING id
            """, new { now });

        var due = DigestDays.MondayBefore.AddMinutes(11);
        _a.Clock.SetUtcNow(due);
        _b.Clock.SetUtcNow(due);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((_smtp.Messages.Count < 2 || Digests().Count < 2) && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(1500);   // a second copy from the other server would arrive now

        Assert.Equal(2, _a.Scalar<long>("SELECT count(*) FROM daily_digests WHERE day = @day", new { day = DigestDays.Key(DigestDays.Monday) }));
        Assert.Equal(["00070", "09568"], Digests().Select(d => d.GetProperty("communeCode").GetString()).Order());
        Assert.Equal(2, _smtp.Messages.Count);
        Assert.Equal(2, _smtp.Messages.Select(m => m.Message.MessageId).Distinct().Count());
    }

    private List<JsonElement> Digests() =>
        _webhook.Accepted.Select(a => JsonDocument.Parse(a.Body).RootElement).Where(b => b.GetProperty("type").GetString() == "sipas.daily-digest").ToList();

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        _b?.Dispose();
        _a?.Dispose();
        await _webhook.DisposeAsync();
        _smtp.Dispose();
    }
}

/// <summary>Without a webhook and without SMTP nothing can carry a digest: none is marked sent.</summary>
public sealed class DailyDigestWithoutDeliveryTests : IDisposable
{
    private readonly ClockedTestApp _app = new();

    [Fact]
    public async Task No_digest_is_recorded_when_nothing_could_deliver_it()
    {
        _app.Settings["Sipas:Digest:PollInterval"] = "00:00:00.1";
        _app.Clock.SetUtcNow(DigestDays.MondayBefore);
        _ = _app.Demo;
        _app.Scalar<long>("UPDATE users SET daily_digest = 1, email = 'chutich@hoankiem.hanoi.gov.vn' WHERE username = @name RETURNING id",
            new { name = SipasSurvey.Features.Demo.DemoAccounts.LeaderUsername });

        _app.Clock.SetUtcNow(DigestDays.MondayBefore.AddMinutes(11));
        await Task.Delay(1000);

        Assert.Equal(0, _app.Scalar<long>("SELECT count(*) FROM daily_digests"));
    }

    public void Dispose() => _app.Dispose();
}
