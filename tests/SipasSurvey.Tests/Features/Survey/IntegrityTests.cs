using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Survey;

/// <summary>Signals are only raised past these thresholds; the test app keeps "quick" short so other signals can be seen alone.</summary>
public sealed class IntegrityApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sipas:Integrity:QuickSeconds", "2");
    }
}

public sealed class IntegrityTests : IClassFixture<IntegrityApp>
{
    private readonly IntegrityApp _app;

    public IntegrityTests(IntegrityApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    private async Task<JsonElement> IssueFromAsync(string address, long? counter = null)
    {
        using var machine = People.WithKey(_app, People.SlipsKey(_app));
        machine.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, address);
        var response = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = counter ?? _app.Demo.CounterId });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0];
    }

    private async Task<long> AnswerFromAsync(JsonElement slip, string address, string browser, Dictionary<string, int> answers)
    {
        using var phone = _app.NewClient();
        phone.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, address);
        phone.DefaultRequestHeaders.UserAgent.ParseAdd(browser);
        var response = await phone.PostAsJsonAsync("/api/v1/responses", new { token = slip.GetProperty("token").GetString(), answers });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responseId").GetInt64();
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT flags FROM responses WHERE id = @id", new { id });
    }

    private static readonly Dictionary<string, int> Mixed = new() { ["TC1"] = 4, ["TC2"] = 3, ["CC1"] = 5 };

    [Fact]
    public async Task An_answer_seconds_after_printing_is_flagged()
    {
        var slip = await IssueFromAsync("198.51.100.1");

        var flags = await AnswerFromAsync(slip, "203.0.113.50", "Phone/Quick", Mixed);

        Assert.True((flags & (long)IntegritySignal.QuickAfterPrint) != 0);
    }

    [Fact]
    public async Task An_answer_from_the_printing_counters_network_is_flagged_and_another_network_is_not()
    {
        var fromCounter = await IssueFromAsync("198.51.100.20");
        var fromElsewhere = await IssueFromAsync("198.51.100.20");
        await Task.Delay(2100);

        var same = await AnswerFromAsync(fromCounter, "198.51.100.77", "Phone/Same", Mixed);
        var other = await AnswerFromAsync(fromElsewhere, "192.0.2.9", "Phone/Other", Mixed);

        Assert.Equal((long)IntegritySignal.CounterNetwork, same);
        Assert.Equal(0, other);
    }

    [Fact]
    public async Task One_device_answering_many_slips_is_flagged_from_the_fourth()
    {
        var slips = new List<JsonElement>();
        for (var i = 0; i < 5; i++) slips.Add(await IssueFromAsync("198.51.100.30"));
        await Task.Delay(2100);

        var flags = new List<long>();
        foreach (var slip in slips) flags.Add(await AnswerFromAsync(slip, "192.0.2.200", "SamePhone/1.0", Mixed));

        Assert.Equal([0, 0, 0, (long)IntegritySignal.RepeatDevice, (long)IntegritySignal.RepeatDevice], flags);
    }

    [Fact]
    public async Task A_run_of_perfect_scores_far_above_the_communes_usual_rate_is_flagged_and_reports_can_leave_it_out()
    {
        var counter = Scalar("SELECT id FROM counters WHERE commune_code = '09832' ORDER BY id LIMIT 1");
        using var admin = await People.AdminAsync(_app);
        var key = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Hoài Đức", scope = "slips", counterIds = new[] { counter } });
        using var machine = People.WithKey(_app, (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
        var issued = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = counter, count = 40 });
        var slips = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips").EnumerateArray().ToList();
        await Task.Delay(2100);
        var perfect = new Dictionary<string, int> { ["TC1"] = 5, ["TC2"] = 5, ["CC1"] = 5, ["KQ1"] = 5 };

        var flags = new List<long>();
        for (var i = 0; i < slips.Count; i++)
            flags.Add(await AnswerFromAsync(slips[i], $"192.0.2.{i + 1}", $"Phone{i}/1.0", i < 28 ? Mixed : perfect));

        Assert.True(flags.Take(37).All(f => f == 0), string.Join(",", flags)); // 28 ordinary answers, then 9 perfect in a row
        Assert.All(flags.Skip(37), f => Assert.Equal((long)IntegritySignal.TopScoreStreak, f));
        using var reports = People.WithKey(_app, People.ReportsKey(_app));
        var today = SipasSurvey.Domain.Time.VietnamTime.DayKey(DateTimeOffset.UtcNow);
        var all = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/09832?from={today}&to={today}");
        var clean = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/09832?from={today}&to={today}&flagged=exclude");
        Assert.Equal(40, all.GetProperty("responses").GetInt64());
        Assert.Equal(37, clean.GetProperty("responses").GetInt64());
        Assert.Equal(3, all.GetProperty("signals").GetProperty("topScoreStreak").GetInt64());
        Assert.Equal(3, clean.GetProperty("flaggedResponses").GetInt64());
        Assert.Equal(40, Scalar("SELECT count(*) FROM responses WHERE commune_code = '09832'"));
    }

    private long Scalar(string sql)
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>(sql);
    }
}
