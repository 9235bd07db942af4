using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dapper;
using Npgsql;
using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;
using Xunit.Abstractions;

namespace SipasSurvey.Tests.Deployment;

/// <summary>
/// Two real app servers on one PostgreSQL database behind a real nginx (deploy/nginx/sipas.conf).
/// Server A reaches the database through a cable the test can pull (<see cref="TcpRelay"/>).
/// </summary>
[Trait("Engine", "postgresql")]
public sealed class RollingRestartTests(ITestOutputHelper output) : IAsyncLifetime, IAsyncDisposable
{
    private readonly string _dataA = TempFolder.Create("rolling-a");
    private readonly string _dataB = TempFolder.Create("rolling-b");
    private string _database = "";
    private TcpRelay _cableA = null!;
    private Dictionary<string, string> _settingsA = null!;
    private Dictionary<string, string> _settingsB = null!;
    private ServerProcess _a = null!;
    private ServerProcess _b = null!;
    private NginxProxy _nginx = null!;

    public async Task InitializeAsync()
    {
        _database = PostgresCluster.Shared.CreateEmptyDatabase();
        _cableA = new TcpRelay(new IPEndPoint(IPAddress.Loopback, PostgresCluster.Shared.Port));
        var common = new Dictionary<string, string>(Benchmark.Unlimited)
        {
            ["Sipas__Database__Provider"] = "PostgreSql",
            ["Sipas__Proxy__KnownProxies__0"] = "127.0.0.1",
            ["Sipas__ShutdownSeconds"] = "20",
        };
        _settingsB = new(common) { ["ConnectionStrings__Sipas"] = _database };
        _settingsA = new(common) { ["ConnectionStrings__Sipas"] = new NpgsqlConnectionStringBuilder(_database) { Port = _cableA.Port }.ConnectionString };
        _a = await ServerProcess.StartAsync(_dataA, _settingsA, demo: true, TimeSpan.FromMinutes(2));
        _b = await ServerProcess.StartAsync(_dataB, _settingsB, demo: false, TimeSpan.FromMinutes(2));
        _nginx = NginxProxy.Start([_a.Port, _b.Port]);
    }

    [Fact]
    public async Task Restarting_server_a_then_server_b_under_64_clients_loses_no_answer_and_stores_none_twice()
    {
        using var load = await Load.PrepareAsync(_a.BaseAddress, _dataA, 8);
        var tokens = new ConcurrentQueue<string>(await load.IssueTokensAsync(20_000));
        long DemoResponses() { using var c = new NpgsqlConnection(_database); return c.ExecuteScalar<long>("SELECT count(*) FROM responses"); }
        var demoResponses = DemoResponses();
        using var phones = _nginx.Client(connections: 64);
        var acknowledged = new ConcurrentBag<string>();
        var gaveUp = new ConcurrentBag<string>();
        int failedAttempts = 0, retried = 0;
        using var stop = new CancellationTokenSource();

        async Task Phone(int worker)
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested && tokens.TryDequeue(out var token))
            {
                var seed = random.Next();
                for (var attempt = 0; ; attempt++)
                {
                    // The same body and Idempotency-Key on every attempt, as the form's script and an API client send them.
                    var status = await Load.SendAsync(phones, Load.SubmitRequest(token, new Random(seed)));
                    if (status == 201) { acknowledged.Add(token); break; }
                    Interlocked.Increment(ref failedAttempts);
                    if (attempt == 40) { gaveUp.Add(token + " " + status); break; }
                    if (attempt == 0) Interlocked.Increment(ref retried);
                    await Task.Delay(250);
                }
                await Task.Delay(40);
            }
        }

        var phonesRunning = Enumerable.Range(0, 64).Select(w => Task.Run(() => Phone(w))).ToList();
        var watch = Stopwatch.StartNew();
        await Task.Delay(2000);
        var countBefore = acknowledged.Count;
        // systemctl restart sipas@A, then sipas@B: SIGTERM, wait for the exit, start again on the same port.
        var exitA = await _a.StopAsync();
        var downA = watch.Elapsed;
        _a = await ServerProcess.StartAsync(_dataA, _settingsA, demo: false, TimeSpan.FromMinutes(2), port: _a.Port);
        // As README's procedure says: once A is ready, wait out nginx's fail_timeout (10 s) so nginx sends to A
        // again before B stops; stopping B sooner leaves nginx with no live server for the rest of those seconds.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var exitB = await _b.StopAsync();
        _b = await ServerProcess.StartAsync(_dataB, _settingsB, demo: false, TimeSpan.FromMinutes(2), port: _b.Port);
        await Task.Delay(2000);
        await stop.CancelAsync();
        await Task.WhenAll(phonesRunning);

        output.WriteLine($"{acknowledged.Count} answers acknowledged in {watch.Elapsed.TotalSeconds:0.0} s ({countBefore} before the first restart at {downA.TotalSeconds:0.0} s); " +
                         $"{retried} answers met a failure the client saw and retried ({failedAttempts} failed attempts in all); {gaveUp.Count} given up");
        Assert.Equal(0, exitA);   // both stopped gracefully, not killed
        Assert.Equal(0, exitB);
        Assert.Empty(gaveUp);
        Assert.True(acknowledged.Count > countBefore + 100, "answers kept flowing through the restarts");

        // Every acknowledged answer stored exactly once, and nothing stored that was not acknowledged.
        await using var connection = new NpgsqlConnection(_database);
        var hashes = acknowledged.Select(t => SipasSurvey.Domain.Slips.SlipSecrets.Hash(t)).ToArray();
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
        Assert.Equal((long)acknowledged.Count, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = ANY(@hashes)", new { hashes }));
        Assert.Equal(demoResponses + acknowledged.Count, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM responses"));

        var verify = await AppProcess.RunAsync(new Dictionary<string, string>(_settingsB) { ["Sipas__DataDirectory"] = _dataB }, null, TimeSpan.FromMinutes(3), "verify");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
    }

    [Fact]
    public async Task While_server_a_cannot_reach_the_database_it_is_not_ready_and_nginx_routes_around_it()
    {
        using var load = await Load.PrepareAsync(_b.BaseAddress, _dataA, 4);
        var tokens = await load.IssueAsync(load.Counters[0], 30);
        using var directA = new HttpClient { BaseAddress = _a.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var directB = new HttpClient { BaseAddress = _b.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var phones = _nginx.Client();
        Assert.Equal(HttpStatusCode.OK, (await directA.GetAsync("/healthz/ready")).StatusCode);
        // A has written before the cut: its writer holds a connection that the cut will kill.
        Assert.Equal(201, await Load.SendAsync(directA, Load.SubmitRequest(tokens[29], new Random(29))));

        _cableA.Cut();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await directA.GetAsync("/healthz/ready")).StatusCode != HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await directA.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await directA.GetAsync("/healthz/live")).StatusCode);   // nothing should restart it
        Assert.Equal(HttpStatusCode.OK, (await directB.GetAsync("/healthz/ready")).StatusCode);

        // Through nginx every readiness probe and every page is answered (by B), and every answer is stored once.
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await phones.GetAsync("/healthz/ready")).StatusCode);
        var retries = 0;
        for (var i = 0; i < 20; i++)
        {
            var seed = i;
            var status = 0;
            for (var attempt = 0; attempt < 10 && status != 201; attempt++)
            {
                if (attempt > 0) { retries++; await Task.Delay(200); }
                status = await Load.SendAsync(phones, Load.SubmitRequest(tokens[i], new Random(seed)));
            }
            Assert.Equal(201, status);
        }
        output.WriteLine($"20 answers through nginx while A was cut off: {retries} retries by the client");

        _cableA.Restore();
        deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await directA.GetAsync("/healthz/ready")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, (await directA.GetAsync("/healthz/ready")).StatusCode);
        // The first write after the recovery finds the writer's connection dead at BEGIN and runs on a fresh one: no 503.
        using (var afterRecovery = await directA.SendAsync(Load.SubmitRequest(tokens[25], new Random(25))))
            Assert.True(afterRecovery.StatusCode == HttpStatusCode.Created, $"{afterRecovery.StatusCode}: {await afterRecovery.Content.ReadAsStringAsync()}");

        await using var connection = new NpgsqlConnection(_database);
        var hashes = tokens.Take(20).Append(tokens[25]).Append(tokens[29]).Select(t => SipasSurvey.Domain.Slips.SlipSecrets.Hash(t)).ToArray();
        Assert.Equal(22L, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = ANY(@hashes)", new { hashes }));
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        _nginx?.Dispose();
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        _cableA?.Dispose();
        if (_database.Length > 0) PostgresCluster.Shared.DropDatabase(_database);
        TempFolder.Delete(_dataA);
        TempFolder.Delete(_dataB);
    }
}
