using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using SipasSurvey.Features.Demo;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.PostgreSql;

/// <summary>
/// Two app servers (two hosts, each with its own memory, writer and data folder) on one PostgreSQL
/// database: what one process used to hold alone must stay right when there are two.
/// </summary>
[Trait("Engine", "postgresql")]
public sealed class TwoServerTests : IDisposable
{
    private readonly TestApp _a;
    private readonly TestApp _b;

    public TwoServerTests()
    {
        if (!TestEngine.IsPostgreSql) throw new InvalidOperationException("Run with SIPAS_TEST_ENGINE=postgresql (tests/run.sh does).");
        _a = new TestApp();
        _b = new TestApp { SharesDatabaseWith = _a };
    }

    [Fact]
    public async Task A_slip_issued_on_one_server_is_answered_on_the_other_and_its_report_there_counts_it_at_once()
    {
        var state = _a.Demo;
        using var reportsOnB = People.WithKey(_b, (string)state.Credentials["reportsApiKey"]!);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var path = $"/api/v1/reports/communes/{state.CommuneCode}?from={today.AddDays(-365):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var before = await Responses(reportsOnB, path);
        var token = await SlipApi.IssueTokenAsync(_a);

        using var citizen = _b.NewClient();
        var answered = await citizen.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 5 } });
        var after = await Responses(reportsOnB, path);
        using var citizenOnA = _a.NewClient();
        var again = await citizenOnA.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 1 } });

        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Equal(before + 1, after);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // The second server used the keys the first one generated: none of its own, no key files.
        Assert.False(Directory.Exists(Path.Combine(_b.DataDirectory, "keys")) && Directory.GetFiles(Path.Combine(_b.DataDirectory, "keys")).Length > 0);
    }

    [Fact]
    public async Task The_same_slip_answered_on_both_servers_at_once_is_stored_once()
    {
        _ = _a.Demo;
        var tokens = (await SlipApi.IssueAsync(_a, count: 20)).Select(s => s.GetProperty("token").GetString()!).ToList();
        using var onA = _a.NewClient();
        using var onB = _b.NewClient();

        var races = tokens.Select((token, i) => Task.WhenAll(
            onA.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 5 } }),
            onB.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 2 } })));
        var results = await Task.WhenAll(races);

        Assert.All(results, pair => Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Conflict],
            pair.Select(r => r.StatusCode).Order().ToArray()));
        Assert.Equal(20L, _a.Scalar<long>("SELECT count(*) FROM responses"));
        using var connection = _a.Database.Open();
        var report = SipasSurvey.Features.Operations.Verify.StoreCheck.Run(_a.Database);
        Assert.True(report.Ok, string.Join("\n", report.Mismatches));
    }

    [Fact]
    public async Task Many_writers_on_both_servers_for_one_commune_and_day_neither_deadlock_nor_lose_an_update()
    {
        // Every answer and every slip below lands on the same commune, counter and day: the same daily and
        // monthly aggregate rows, written by two servers with three writer threads each, while both also issue slips there.
        foreach (var app in new[] { _a, _b }) app.Settings["Sipas:Writes:Writers"] = "3";
        _ = _a.Demo;
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++) tokens.AddRange((await SlipApi.IssueAsync(_a, count: 100)).Select(s => s.GetProperty("token").GetString()!));
        using var onA = _a.NewClient();
        using var onB = _b.NewClient();
        using var keyOnA = People.WithKey(_a, People.SlipsKey(_a));
        using var keyOnB = People.WithKey(_b, People.SlipsKey(_a));
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        var answers = Parallel.ForEachAsync(tokens.Select((t, i) => (t, i)), new ParallelOptions { MaxDegreeOfParallelism = 48 }, async (item, ct) =>
        {
            using var response = await (item.i % 2 == 0 ? onA : onB).SendAsync(SipasSurvey.Bench.Load.SubmitRequest(item.t, new Random(item.i)), ct);
            statuses.Add(response.StatusCode);
        });
        var slips = Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await (i % 2 == 0 ? keyOnA : keyOnB).PostAsJsonAsync("/api/v1/slips", new { counterId = _a.Demo.CounterId, count = 3 }, ct);
            statuses.Add(response.StatusCode);
        });
        await Task.WhenAll(answers, slips);

        Assert.Equal(tokens.Count + 40, statuses.Count(s => s == HttpStatusCode.Created));
        var report = SipasSurvey.Features.Operations.Verify.StoreCheck.Run(_a.Database);
        Assert.True(report.Ok, string.Join("\n", report.Mismatches));
    }

    [Fact]
    public async Task A_leader_signed_in_on_one_server_is_signed_in_on_the_other()
    {
        var state = _a.Demo;
        using var onA = await People.LeaderAsync(_a);
        var signedIn = await onA.GetAsync($"/reports/communes/{state.CommuneCode}");
        var cookie = signedIn.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;

        using var onB = _b.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/reports/communes/{state.CommuneCode}");
        request.Headers.Add("Cookie", cookie ?? throw new InvalidOperationException("no session cookie sent"));
        var onServerB = await onB.SendAsync(request);
        using var stranger = _b.NewClient();
        var anonymous = await stranger.GetAsync($"/reports/communes/{state.CommuneCode}");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onServerB.StatusCode);
        Assert.Contains(state.CommuneCode, await onServerB.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_phone_balanced_over_both_servers_gets_one_allowance_not_two()
    {
        foreach (var app in new[] { _a, _b }) app.Settings["Sipas:Limits:SubmitPerDevice"] = "5";
        _ = _a.Demo;
        var tokens = (await SlipApi.IssueAsync(_a, count: 12)).Select(s => s.GetProperty("token").GetString()!).ToList();
        using var onA = _a.NewClient();
        using var onB = _b.NewClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var client = i % 2 == 0 ? onA : onB;
            var response = await client.PostAsJsonAsync("/api/v1/responses", new { token = tokens[i], answers = new Dictionary<string, int> { ["TC1"] = 4 } });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.NotNull(response.Headers.RetryAfter);
        }

        // Sipas:Limits:SubmitPerDevice is 5 a minute on each server; with the count shared, five pass in all.
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    private static async Task<long> Responses(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("responses").GetInt64();
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }
}
