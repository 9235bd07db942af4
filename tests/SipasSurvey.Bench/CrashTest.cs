using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Domain.Slips;

namespace SipasSurvey.Bench;

public sealed record CrashResult(
    int Acknowledged, int FailedByTheKill, int AcknowledgedAfterRestart, int Lost, int StoredMoreThanOnce, int ReplaysChecked, int ReplaysWrong,
    long ResponsesStored, bool VerifyOk, string VerifyOutput, double KilledAtSeconds, double RestartMs)
{
    public bool Passed => Acknowledged > 0 && Lost == 0 && StoredMoreThanOnce == 0 && ReplaysWrong == 0 && VerifyOk;
}

/// <summary>
/// Kill the server with SIGKILL while submissions stream in, restart it on the same file, and check
/// the promise: every submission that was answered 201 is stored exactly once (and a retry of it is
/// recognised as a replay), no slip has two responses, and `verify` finds the file sound with
/// aggregates equal to a recomputation from the raw rows.
/// </summary>
public static class CrashTest
{
    public static async Task<int> RunAsync(int concurrency, TimeSpan duration)
    {
        var data = Path.Combine(Path.GetTempPath(), $"sipas-crash-{Guid.NewGuid():N}");
        try
        {
            var result = await RunAsync(data, concurrency, duration, duration / 2, (int)(duration.TotalSeconds * 1.5 * 15_000), Console.WriteLine);
            Console.WriteLine(JsonSerializer.Serialize(result));
            Console.WriteLine(result.Passed ? "crash test: passed" : "crash test: FAILED");
            return result.Passed ? 0 : 1;
        }
        finally
        {
            Benchmark.TryDelete(data);
        }
    }

    /// <param name="engine">Extra environment for every process (the PostgreSQL provider and connection string), or none for SQLite in <paramref name="data"/>.</param>
    public static async Task<CrashResult> RunAsync(string data, int concurrency, TimeSpan before, TimeSpan after, int slips, Action<string> log,
        IReadOnlyDictionary<string, string>? engine = null)
    {
        var settings = new Dictionary<string, string>(Benchmark.Unlimited);
        foreach (var (key, value) in engine ?? new Dictionary<string, string>()) settings[key] = value;
        var acknowledged = new ConcurrentDictionary<string, long>();
        double killedAt;
        long failedByTheKill;
        List<string> fresh;
        await using (var server = await ServerProcess.StartAsync(data, settings, demo: true, TimeSpan.FromMinutes(2)))
        {
            using var load = await Load.PrepareAsync(server.BaseAddress, data, concurrency);
            fresh = await load.IssueTokensAsync(slips);
            var queue = new ConcurrentQueue<string>(fresh);
            var watch = Stopwatch.StartNew();
            var killer = Task.Run(async () =>
            {
                await Task.Delay(before);
                server.Kill();
            });
            var (recorder, _) = await Load.RunAsync(concurrency, before + TimeSpan.FromMilliseconds(500), (worker, recorder) => SubmitAsync(load.Http, queue, acknowledged, worker, recorder));
            await killer;
            killedAt = before.TotalSeconds;
            failedByTheKill = recorder.Results(watch.Elapsed.TotalSeconds).Sum(r => r.Errors);
            log(string.Create(CultureInfo.InvariantCulture,
                $"killed after {killedAt:0.0} s: {acknowledged.Count} submissions acknowledged; statuses {string.Join(' ', recorder.Results(watch.Elapsed.TotalSeconds).SelectMany(r => r.Statuses).OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}"));
        }

        var beforeRestart = acknowledged.Count;
        await using var restarted = await ServerProcess.StartAsync(data, settings, demo: false, TimeSpan.FromMinutes(2));
        log($"restarted in {restarted.Startup.TotalMilliseconds:0} ms");
        using var client = Load.NewClient(restarted.BaseAddress, concurrency);

        // Retries of acknowledged submissions (a phone that never saw the answer) must be replays of the same response.
        var replays = acknowledged.Take(500).ToList();
        var wrong = 0;
        await Parallel.ForEachAsync(replays, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, ct) =>
        {
            using var response = await client.SendAsync(Load.SubmitRequest(entry.Key, AnswersFor(entry.Key)), ct);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (response.StatusCode != HttpStatusCode.Created || !response.Headers.Contains("Idempotent-Replayed")
                || json.RootElement.GetProperty("responseId").GetInt64() != entry.Value)
                Interlocked.Increment(ref wrong);
        });

        // The service goes on: the slips nobody answered before the crash can still be answered.
        var remaining = new ConcurrentQueue<string>(fresh.Where(t => !acknowledged.ContainsKey(t)));
        await Load.RunAsync(concurrency, after, (worker, recorder) => SubmitAsync(client, remaining, acknowledged, worker, recorder));
        await restarted.StopAsync();

        int lost = 0, twice = 0;
        long stored;
        using (var connection = settings.TryGetValue("ConnectionStrings__Sipas", out var postgres)
                   ? (System.Data.Common.DbConnection)new Npgsql.NpgsqlConnection(postgres)
                   : new SqliteConnection($"Data Source={Path.Combine(data, "sipas.db")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            foreach (var (token, responseId) in acknowledged)
            {
                var rows = connection.Query<long>("SELECT r.id FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @hash",
                    new { hash = SlipSecrets.Hash(token) }).ToList();
                if (rows.Count == 0 || !rows.Contains(responseId)) lost++;
                if (rows.Count > 1) twice++;
            }
            stored = connection.ExecuteScalar<long>("SELECT count(*) FROM responses");
        }

        var (verifyOk, verifyOutput) = Verify(data, settings);
        var result = new CrashResult(beforeRestart, (int)failedByTheKill, acknowledged.Count - beforeRestart, lost, twice, replays.Count, wrong, stored, verifyOk, verifyOutput,
            killedAt, restarted.Startup.TotalMilliseconds);
        log(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged {result.Acknowledged} before the kill ({result.FailedByTheKill} requests failed by it) and {result.AcknowledgedAfterRestart} after; lost {lost}; stored twice {twice}; replays wrong {wrong}/{replays.Count}; {stored} responses in the file"));
        log(verifyOutput.Trim());
        return result;
    }

    private static async Task<bool> SubmitAsync(HttpClient http, ConcurrentQueue<string> queue, ConcurrentDictionary<string, long> acknowledged, int worker, Recorder recorder)
    {
        if (!queue.TryDequeue(out var token)) return false;
        var start = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await http.SendAsync(Load.SubmitRequest(token, AnswersFor(token)));
            status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                acknowledged[token] = json.RootElement.GetProperty("responseId").GetInt64();
            }
        }
        catch (HttpRequestException)
        {
            status = 0;
            await Task.Delay(20);
        }
        catch (TaskCanceledException)
        {
            status = -1;
        }
        recorder.Record(worker, Scenarios.Submit, start, status);
        return true;
    }

    /// <summary>The same answers every time for a token, so a retry is recognisably the same submission.</summary>
    private static Random AnswersFor(string token) => new(BitConverter.ToInt32(SlipSecrets.Hash(token)));

    private static (bool Ok, string Output) Verify(string data, IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(ServerProcess.ServerDll());
        info.ArgumentList.Add("verify");
        info.Environment["Sipas__DataDirectory"] = data;
        foreach (var (key, value) in settings) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode == 0, output.Result + error.Result);
    }
}
