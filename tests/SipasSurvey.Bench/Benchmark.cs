using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace SipasSurvey.Bench;

public static class Benchmark
{
    /// <summary>Production abuse limits assume many devices; the load generator is one.</summary>
    public static readonly Dictionary<string, string> Unlimited = new()
    {
        ["Sipas__Limits__SubmitPerDevice"] = "1000000000",
        ["Sipas__Limits__SubmitPerToken"] = "1000000000",
    };

    public static async Task<int> RunAsync(int concurrency, TimeSpan duration, int runs, string[] scenarios, string[] modes)
    {
        var summary = new Dictionary<string, object>
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["concurrency"] = concurrency,
            ["seconds"] = duration.TotalSeconds,
            ["runs"] = runs,
        };
        var medians = new Dictionary<string, Dictionary<string, OperationResult>>();
        foreach (var mode in modes)
        {
            var data = Path.Combine(Path.GetTempPath(), $"sipas-bench-{Guid.NewGuid():N}");
            var settings = new Dictionary<string, string>(Unlimited) { ["Sipas__Writes__Mode"] = mode };
            await using var server = await ServerProcess.StartAsync(data, settings, demo: true, TimeSpan.FromMinutes(2));
            using var load = await Load.PrepareAsync(server.BaseAddress, data, concurrency);
            var openable = await load.IssueTokensAsync(20_000);
            var perRun = new List<IReadOnlyList<OperationResult>>();
            for (var r = 0; r < runs; r++)
            {
                var runner = new Scenarios(load, concurrency, duration);
                var results = new List<OperationResult>();
                foreach (var scenario in scenarios)
                {
                    if (mode != "GroupCommit" && scenario is "form" or "reports" or "mixed") continue;
                    var (recorder, elapsed) = scenario switch
                    {
                        "form" => await runner.FormAsync(openable),
                        "submit" => await runner.SubmitAsync(new ConcurrentQueue<string>(await load.IssueTokensAsync(Fresh(mode, duration)))),
                        "slip" => await runner.SlipAsync(),
                        "sheet" => await runner.SheetAsync(),
                        "reports" => await runner.ReportsAsync(load.CommuneCode, "01"),
                        "mixed" => await runner.MixedAsync(new ConcurrentQueue<string>(await load.IssueTokensAsync(Fresh(mode, duration) / 2)), openable),
                        _ => throw new ArgumentException("unknown scenario " + scenario),
                    };
                    var phase = recorder.Results(elapsed).Select(o => o with { Name = scenario == "mixed" ? "mixed:" + o.Name : o.Name }).ToList();
                    Recorder.Print($"{mode} run {r + 1}: {scenario}", phase);
                    results.AddRange(phase);
                }
                perRun.Add(results);
            }
            medians[mode] = Median(perRun);
            Recorder.Print($"{mode}: medians of {runs} runs (server start-up {server.Startup.TotalMilliseconds:0} ms, max RSS {server.MaxRssMb:0} MB)", medians[mode].Values.ToList());
            summary[mode] = new
            {
                startupMs = Math.Round(server.Startup.TotalMilliseconds),
                maxRssMb = Math.Round(server.MaxRssMb),
                operations = medians[mode].Values.ToDictionary(o => o.Name, o => new { perSecond = Math.Round(o.Throughput), p50 = o.P50, p95 = o.P95, p99 = o.P99, max = o.Max, errors = o.Errors }),
            };
            await server.StopAsync();
            TryDelete(data);
        }
        if (medians.TryGetValue("GroupCommit", out var group) && medians.TryGetValue("PerRequest", out var naive))
        {
            var ratios = group.Keys.Intersect(naive.Keys).ToDictionary(k => k, k => Math.Round(group[k].Throughput / naive[k].Throughput, 2));
            summary["groupCommitOverNaive"] = ratios;
            Console.WriteLine();
            foreach (var (op, ratio) in ratios) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"group commit / naive, {op}: {ratio:0.00}x"));
        }
        Console.WriteLine();
        Console.WriteLine(JsonSerializer.Serialize(summary));
        return 0;
    }

    public static async Task<int> ReportsAsync(string data, int concurrency, TimeSpan duration, int runs)
    {
        var startups = new List<double>();
        var perRun = new List<IReadOnlyList<OperationResult>>();
        double maxRss = 0;
        string commune;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "sipas.db")};Mode=ReadOnly"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT commune_code FROM daily_stats WHERE dimension = '' GROUP BY commune_code ORDER BY sum(responses) DESC LIMIT 1";
            commune = (string)command.ExecuteScalar()!;
        }
        for (var r = 0; r < runs; r++)
        {
            await using var server = await ServerProcess.StartAsync(data, Unlimited, demo: r == 0, TimeSpan.FromMinutes(5));
            startups.Add(server.Startup.TotalMilliseconds);
            using var load = await Load.PrepareAsync(server.BaseAddress, data, concurrency);
            var (recorder, elapsed) = await new Scenarios(load, concurrency, duration).ReportsAsync(commune, "01");
            var results = recorder.Results(elapsed);
            Recorder.Print($"reports run {r + 1} (start-up {server.Startup.TotalMilliseconds:0} ms, max RSS {server.MaxRssMb:0} MB)", results);
            perRun.Add(results);
            maxRss = Math.Max(maxRss, server.MaxRssMb);
            await server.StopAsync();
        }
        var median = Median(perRun);
        startups.Sort();
        Recorder.Print($"reports: medians of {runs} runs; start-up median {startups[startups.Count / 2]:0} ms; max RSS {maxRss:0} MB", median.Values.ToList());
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            database = Path.Combine(data, "sipas.db"),
            startupMsMedian = Math.Round(startups[startups.Count / 2]),
            maxRssMb = Math.Round(maxRss),
            operations = median.Values.ToDictionary(o => o.Name, o => new { perSecond = Math.Round(o.Throughput), p50 = o.P50, p95 = o.P95, p99 = o.P99, max = o.Max }),
        }));
        return 0;
    }

    private static int Fresh(string mode, TimeSpan duration) => (int)Math.Min(200_000, duration.TotalSeconds * (mode == "GroupCommit" ? 12_000 : 3_000));

    private static Dictionary<string, OperationResult> Median(List<IReadOnlyList<OperationResult>> runs) =>
        runs.SelectMany(r => r).GroupBy(o => o.Name).ToDictionary(g => g.Key, g =>
        {
            double Mid(Func<OperationResult, double> f)
            {
                var values = g.Select(f).Order().ToList();
                return values[values.Count / 2];
            }
            return new OperationResult(g.Key, (long)Mid(o => o.Ok), (long)Mid(o => o.Errors), Mid(o => o.Seconds), Mid(o => o.Throughput),
                Mid(o => o.P50), Mid(o => o.P95), Mid(o => o.P99), g.Max(o => o.Max),
                g.SelectMany(o => o.Statuses).GroupBy(s => s.Key).ToDictionary(s => s.Key, s => s.Sum(x => x.Value)));
        });

    public static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
    }
}
