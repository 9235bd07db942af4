using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using SipasSurvey.Bench;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Tests.Support;
using Xunit.Abstractions;

namespace SipasSurvey.Tests.PostgreSql;

/// <summary>
/// PostgreSQL goes read-only, then stops outright (immediate mode, as a crash would), under a steady stream
/// of answers to a real service process; each time the service answers 503 with Retry-After and fails
/// /healthz while it lasts, and recovers by itself, without a restart. Nothing acknowledged is lost.
/// </summary>
[Trait("Engine", "postgresql")]
public sealed class OutageTests(ITestOutputHelper output) : IDisposable
{
    private readonly PostgresCluster _cluster = PostgresCluster.StartPrivate();
    private readonly string _data = TempFolder.Create("outage");

    [Fact]
    public async Task Read_only_and_stopped_database_get_503_and_the_service_recovers_by_itself_losing_nothing()
    {
        var database = _cluster.CreateEmptyDatabase();
        var settings = new Dictionary<string, string>(Benchmark.Unlimited) { ["Sipas__Database__Provider"] = "PostgreSql", ["ConnectionStrings__Sipas"] = database };
        await using var server = await ServerProcess.StartAsync(_data, settings, demo: true, TimeSpan.FromMinutes(2));
        using var load = await Load.PrepareAsync(server.BaseAddress, _data, 8);
        var queue = new ConcurrentQueue<string>(await load.IssueTokensAsync(6_000));
        using var health = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var acknowledged = new ConcurrentDictionary<string, long>();
        var phase = "up";
        var statuses = new ConcurrentDictionary<(string Phase, int Status), int>();
        var withoutRetryAfter = 0;
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && queue.TryDequeue(out var token))
            {
                var during = Volatile.Read(ref phase);
                int status;
                try
                {
                    using var response = await load.Http.SendAsync(Load.SubmitRequest(token, new Random(token.GetHashCode(StringComparison.Ordinal))));
                    status = (int)response.StatusCode;
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        acknowledged[token] = json.RootElement.GetProperty("responseId").GetInt64();
                    }
                    else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null)
                        Interlocked.Increment(ref withoutRetryAfter);
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                statuses.AddOrUpdate((during, status), 1, (_, n) => n + 1);
                if (status != 201) await Task.Delay(20);
            }
        })).ToList();

        async Task<HttpStatusCode> HealthAsync(string path = "/healthz")
        {
            try { return (await health.GetAsync(path)).StatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return 0; }
        }

        async Task<bool> HealthyWithinAsync(TimeSpan limit)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < limit)
            {
                if (await HealthAsync() == HttpStatusCode.OK) return true;
                await Task.Delay(100);
            }
            return false;
        }

        await Task.Delay(1000);
        Volatile.Write(ref phase, "read-only");
        Admin(database, "ALTER SYSTEM SET default_transaction_read_only = on", "SELECT pg_reload_conf()");
        await Task.Delay(2000);
        var healthWhileReadOnly = await HealthAsync();
        Admin(database, "ALTER SYSTEM RESET default_transaction_read_only", "SELECT pg_reload_conf()");
        Volatile.Write(ref phase, "writable again");
        var recoveredFromReadOnly = await HealthyWithinAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(1000);

        Volatile.Write(ref phase, "stopped");
        _cluster.Kill();
        await Task.Delay(2000);
        var healthWhileStopped = await HealthAsync();
        var readyWhileStopped = await HealthAsync("/healthz/ready");
        var liveWhileStopped = await HealthAsync("/healthz/live");
        _cluster.Start();
        Volatile.Write(ref phase, "started again");
        var recoveredFromStop = await HealthyWithinAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        foreach (var ((during, status), count) in statuses.OrderBy(s => s.Key.Phase).ThenBy(s => s.Key.Status))
            output.WriteLine($"{during}: {status} × {count}");
        Assert.NotEqual(HttpStatusCode.OK, healthWhileReadOnly);
        Assert.NotEqual(HttpStatusCode.OK, healthWhileStopped);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileStopped);   // a load balancer takes the server out…
        Assert.Equal(HttpStatusCode.OK, liveWhileStopped);                    // …but nothing restarts it
        Assert.Equal(HttpStatusCode.OK, await HealthAsync("/healthz/ready"));
        Assert.True(recoveredFromReadOnly, "/healthz did not recover after the database became writable again");
        Assert.True(recoveredFromStop, "/healthz did not recover after PostgreSQL started again");
        foreach (var during in new[] { "read-only", "stopped" })
            Assert.True(statuses.GetValueOrDefault((during, 503)) > 0, $"no 503 while {during}");
        foreach (var during in new[] { "up", "writable again", "started again" })
            Assert.True(statuses.GetValueOrDefault((during, 201)) > 0, $"nothing stored while {during}");
        Assert.Equal(0, withoutRetryAfter);
        Assert.DoesNotContain(statuses.Keys, k => k.Status >= 500 && k.Status != 503);

        using var connection = new NpgsqlConnection(database);
        var lost = acknowledged.Count(a => !connection.Query<long>(
            "SELECT r.id FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @hash", new { hash = SlipSecrets.Hash(a.Key) }).SequenceEqual([a.Value]));
        Assert.Equal(0, lost);
        var verify = await AppProcess.RunAsync(new Dictionary<string, string>(settings) { ["Sipas__DataDirectory"] = _data }, null, TimeSpan.FromMinutes(1), "verify");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }

    private static void Admin(string database, params string[] statements)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
        connection.Open();
        foreach (var sql in statements) connection.Execute(sql);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        TempFolder.Delete(_data);
    }
}
