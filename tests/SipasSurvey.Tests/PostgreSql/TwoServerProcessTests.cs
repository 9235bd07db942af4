using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using SipasSurvey.Bench;
using SipasSurvey.Tests.Features.Alerts;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.PostgreSql;

/// <summary>
/// Two real app server processes on one PostgreSQL database, started at the same moment (their migrations
/// are serialised by the advisory lock); the second has no --demo and an empty data folder of its own.
/// </summary>
[Trait("Engine", "postgresql")]
public sealed class TwoServerProcessTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly string _dataA = TempFolder.Create("server-a");
    private readonly string _dataB = TempFolder.Create("server-b");
    private readonly FakeReceiver _receiver = new();
    private string _database = "";
    private ServerProcess _a = null!;
    private ServerProcess _b = null!;

    public async Task InitializeAsync()
    {
        _database = PostgresCluster.Shared.CreateEmptyDatabase();
        var settings = new Dictionary<string, string>
        {
            ["Sipas__Database__Provider"] = "PostgreSql", ["ConnectionStrings__Sipas"] = _database,
            ["Sipas__Limits__SubmitPerDevice"] = "5",
            ["Sipas__Alerts__WebhookUrl"] = _receiver.Url, ["Sipas__Alerts__PollInterval"] = "00:00:00.2",
        };
        var starting = new[] { ServerProcess.StartAsync(_dataA, settings, demo: true, TimeSpan.FromMinutes(2)), ServerProcess.StartAsync(_dataB, settings, demo: false, TimeSpan.FromMinutes(2)) };
        await Task.WhenAll(starting.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        (_a, _b) = (await starting[0], await starting[1]);
    }

    [Fact]
    public async Task Racing_phones_reports_alerts_and_limits_hold_across_two_server_processes()
    {
        using var load = await Load.PrepareAsync(_a.BaseAddress, _dataA, 16);
        var tokens = await load.IssueTokensAsync(40);
        using var onA = Load.NewClient(_a.BaseAddress, 16);
        using var onB = Load.NewClient(_b.BaseAddress, 16);

        // 1. The same slip answered through both servers at the same moment: one stored, the other 409 (or a replay of it).
        var races = await Task.WhenAll(tokens.Take(20).Select((token, i) => Task.WhenAll(
            onA.SendAsync(Answer(token, "phone-a-" + i, low: false)), onB.SendAsync(Answer(token, "phone-b-" + i, low: true)))));
        foreach (var pair in races)
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], pair.Select(r => r.StatusCode).Order().ToArray());
        var raced = tokens.Take(20).Select(t => SipasSurvey.Domain.Slips.SlipSecrets.Hash(t)).ToArray();
        Assert.Equal(20L, Scalar("SELECT count(*) FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = ANY(@raced)", new { raced }));

        // 2. A report read on B right after an answer was acknowledged by A includes it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var commune = Scalar<string>("SELECT commune_code FROM slips WHERE token_hash = @hash", new { hash = SipasSurvey.Domain.Slips.SlipSecrets.Hash(tokens[20]) });
        var path = $"/api/v1/reports/communes/{commune}?from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var before = await ResponsesAsync(onB, load, path);
        Assert.Equal(HttpStatusCode.Created, (await onA.SendAsync(Answer(tokens[20], "phone-report", low: false))).StatusCode);
        Assert.Equal(before + 1, await ResponsesAsync(onB, load, path));

        // 3. Low scores answered through both servers: each alert delivered once while both dispatchers run.
        var lowTokens = tokens.Skip(21).Take(6).ToList();
        for (var i = 0; i < lowTokens.Count; i++)
            Assert.Equal(HttpStatusCode.Created, (await (i % 2 == 0 ? onA : onB).SendAsync(Answer(lowTokens[i], "phone-low-" + i, low: true))).StatusCode);
        var expectedAlerts = Scalar("SELECT count(*) FROM alert_outbox");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Scalar("SELECT count(delivered_at) FROM alert_outbox") < expectedAlerts && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(1500);   // a second delivery by the other server would arrive now
        Assert.True(expectedAlerts >= 6, $"{expectedAlerts} alerts queued");
        Assert.Equal(expectedAlerts, Scalar("SELECT count(delivered_at) FROM alert_outbox"));
        Assert.Equal(expectedAlerts, _receiver.Accepted.Count);
        Assert.Equal(expectedAlerts, _receiver.Accepted.Select(a => a.Key).Distinct().Count());

        // 4. One phone balanced over both servers gets one allowance (5 a minute), not one per server.
        var statuses = new List<HttpStatusCode>();
        foreach (var (token, i) in tokens.Skip(27).Take(12).Select((t, i) => (t, i)))
            statuses.Add((await (i % 2 == 0 ? onA : onB).SendAsync(Answer(token, "one-phone", low: false))).StatusCode);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // The second server needed no copy of the first one's data: its folder holds no keys and no database.
        Assert.Empty(Directory.Exists(_dataB) ? Directory.GetFileSystemEntries(_dataB) : []);
    }

    private static HttpRequestMessage Answer(string token, string phone, bool low)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses")
        {
            Content = JsonContent.Create(new { token, answers = new Dictionary<string, int> { ["TC1"] = low ? 1 : 5, ["TC2"] = low ? 2 : 4, ["CC1"] = 5 } }),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (Linux; Android 13; {phone}) Mobile");
        return request;
    }

    private static async Task<long> ResponsesAsync(HttpClient client, Load load, string path)
    {
        using var response = await client.SendAsync(load.ReportRequest(path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("responses").GetInt64();
    }

    private long Scalar(string sql, object? parameters = null) => Scalar<long>(sql, parameters);

    private T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = new NpgsqlConnection(_database);
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        await _receiver.DisposeAsync();
        PostgresCluster.Shared.DropDatabase(_database);
        TempFolder.Delete(_dataA);
        TempFolder.Delete(_dataB);
    }
}
