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

    public static async Task<int> RunAsync(int concurrency, TimeSpan duration, TimeSpan warmup, int runs, string[] scenarios, string[] modes,
        string provider = "sqlite", int servers = 1, string proxy = "none")
    {
        if (proxy is not ("none" or "nginx")) throw new ArgumentException("--proxy is none or nginx");
        if (provider is not ("sqlite" or "postgresql")) throw new ArgumentException("--provider is sqlite or postgresql");
        if (servers > 1 && provider != "postgresql") throw new ArgumentException("several app servers need a shared database: --provider postgresql");
        // PostgreSQL: a throw-away cluster on this machine (fsync on, synchronous_commit on), a fresh database per mode.
        using var cluster = provider == "postgresql" ? PostgresCluster.StartPrivate("512MB") : null;
        var summary = new Dictionary<string, object>
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["concurrency"] = concurrency,
            ["seconds"] = duration.TotalSeconds,
            ["runs"] = runs,
            ["provider"] = provider,
            ["servers"] = servers,
            ["proxy"] = proxy,
        };
        var medians = new Dictionary<string, Dictionary<string, OperationResult>>();
        foreach (var mode in modes)
        {
            var data = Path.Combine(Path.GetTempPath(), $"sipas-bench-{Guid.NewGuid():N}");
            var settings = new Dictionary<string, string>(Unlimited) { ["Sipas__Writes__Mode"] = mode };
            // As deployed (deploy/sipas.env.example): the servers trust nginx on loopback, so the forwarded-headers work is measured too.
            if (proxy == "nginx") settings["Sipas__Proxy__KnownProxies__0"] = "127.0.0.1";
            if (cluster is not null)
            {
                settings["Sipas__Database__Provider"] = "PostgreSql";
                settings["ConnectionStrings__Sipas"] = cluster.CreateEmptyDatabase();
            }
            await using var server = await ServerProcess.StartAsync(data, settings, demo: true, TimeSpan.FromMinutes(2));
            // Further app servers on the same database: no demo data of their own, requests dealt round robin.
            var others = new List<ServerProcess>();
            for (var i = 1; i < servers; i++) others.Add(await ServerProcess.StartAsync(data + "-" + i, settings, demo: false, TimeSpan.FromMinutes(2)));
            TimeSpan ServersCpu() => others.Aggregate(server.CpuTime(), (sum, other) => sum + other.CpuTime());
            // Through nginx (deploy/nginx/sipas.conf, TLS, as many workers as cores) the proxy balances; directly the client takes servers in turn.
            using var nginx = proxy == "nginx" ? NginxProxy.Start([server.Port, .. others.Select(o => o.Port)], workerProcesses: "auto") : null;
            using var load = await Load.PrepareAsync(server.BaseAddress, data, concurrency, others.Select(o => o.BaseAddress).ToList(), nginx?.Client(connections: concurrency));
            var openable = await load.IssueTokensAsync(20_000);
            var perRun = new List<IReadOnlyList<OperationResult>>();
            // Run 0 warms the JIT, the page cache and the connection pools and is not counted.
            for (var r = warmup > TimeSpan.Zero ? 0 : 1; r <= runs; r++)
            {
                var phaseDuration = r == 0 ? warmup : duration;
                var runner = new Scenarios(load, concurrency, phaseDuration);
                var results = new List<OperationResult>();
                foreach (var scenario in scenarios)
                {
                    if (mode != "GroupCommit" && scenario is not ("submit" or "slip" or "sheet")) continue;
                    // Inputs (fresh slips to answer) are issued before the clock and the CPU counters start.
                    Func<Task<(Recorder, double)>> measured = scenario switch
                    {
                        "form" => () => runner.FormAsync(openable),
                        "submit" => Prepared(runner.SubmitAsync, new ConcurrentQueue<string>(await load.IssueTokensAsync(Fresh(mode, phaseDuration)))),
                        "slip" => runner.SlipAsync,
                        "slip2" => runner.SlipThenQrAsync,
                        "sheet" => () => runner.SheetAsync(includeQrSvg: false),
                        "sheetqr" => () => runner.SheetAsync(includeQrSvg: true),
                        "reports" => () => runner.ReportsAsync([load.CommuneCode], "01", [runner.Quarter], 0.2),
                        "mixed" => Prepared(fresh => runner.MixedAsync(fresh, openable), new ConcurrentQueue<string>(await load.IssueTokensAsync(Fresh(mode, phaseDuration) / 2))),
                        _ => throw new ArgumentException("unknown scenario " + scenario),
                    };
                    var serverCpu = ServersCpu();
                    var clientCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    var (recorder, elapsed) = await measured();
                    var phase = recorder.Results(elapsed).Select(o => o with { Name = scenario == "mixed" ? "mixed:" + o.Name : o.Name }).ToList();
                    var serverCores = (ServersCpu() - serverCpu).TotalSeconds / elapsed;
                    var clientCores = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds / elapsed;
                    Recorder.Print(string.Create(CultureInfo.InvariantCulture,
                        $"{mode} {(r == 0 ? "warm-up" : $"run {r}")}: {scenario} (CPU: server {serverCores:0.00} cores, load generator {clientCores:0.00} cores)"), phase);
                    results.AddRange(phase);
                }
                if (r > 0) perRun.Add(results);
            }
            medians[mode] = Median(perRun);
            Recorder.Print($"{mode}: medians of {runs} runs (server start-up {server.Startup.TotalMilliseconds:0} ms, max RSS {server.MaxRssMb:0} MB)", medians[mode].Values.ToList());
            summary[mode] = new
            {
                startupMs = Math.Round(server.Startup.TotalMilliseconds),
                maxRssMb = Math.Round(server.MaxRssMb),
                operations = medians[mode].Values.ToDictionary(o => o.Name, o => new { perSecond = Math.Round(o.Throughput), p50 = o.P50, p95 = o.P95, p99 = o.P99, max = o.Max, errors = o.Errors }),
            };
            foreach (var other in others)
            {
                await other.StopAsync();
                await other.DisposeAsync();
                TryDelete(data + "-" + (others.IndexOf(other) + 1));
            }
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

    /// <summary>
    /// On a seeded national database: start-up time, then commune reports alone, rankings alone and
    /// both mixed (one in five a ranking), each over random Hà Nội communes and the eight quarters.
    /// </summary>
    public static async Task<int> ReportsAsync(string data, int concurrency, TimeSpan duration, int runs, string provider, TimeSpan settle, string cache = "both")
    {
        // PostgreSQL: the copy that "seed --provider postgresql" left in its cluster beside the folder.
        using var cluster = provider == "postgresql" ? PostgresCluster.StartKept(Seeder.PostgresFolder(data)) : null;
        var engine = new Dictionary<string, string>();
        if (cluster is not null)
        {
            engine["Sipas__Database__Provider"] = "PostgreSql";
            engine["ConnectionStrings__Sipas"] = cluster.NamedDatabase("sipas");
        }
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(data, Seeder.CredentialsFile)));
        var province = credentials.RootElement.GetProperty("provinceCode").GetString()!;
        var quarters = credentials.RootElement.GetProperty("quarters").EnumerateArray().Select(q => q.GetString()!).ToList();
        List<string> communes;
        long responses;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "sipas.db")};Mode=ReadOnly"))
        {
            connection.Open();
            communes = Dapper.SqlMapper.Query<string>(connection, "SELECT code FROM communes WHERE province_code = @province ORDER BY code", new { province }).ToList();
            responses = Dapper.SqlMapper.ExecuteScalar<long>(connection, "SELECT max(id) FROM responses");
        }
        Console.WriteLine($"{responses:N0} responses; province {province}: {communes.Count} communes; quarters {string.Join(", ", quarters)}");
        var startups = new List<double>();
        var perRun = new List<IReadOnlyList<OperationResult>>();
        double maxRss = 0;
        for (var r = 0; r <= runs; r++)
        {
            var results = new List<OperationResult>();
            // Each run measures the service as configured (computed reports cached until a write changes them)
            // and with the cache off, which is what every first look at a commune and quarter costs.
            foreach (var cached in new[] { true, false })
            {
                if (cache != "both" && cached != (cache == "on")) continue;
                var settings = new Dictionary<string, string>(Unlimited);
                foreach (var (key, value) in engine) settings[key] = value;
                if (!cached) settings["Sipas__Reports__CacheEntries"] = "0";
                await using var server = await ServerProcess.StartAsync(data, settings, demo: false, TimeSpan.FromMinutes(5));
                if (r > 0 && (cached || cache == "off")) startups.Add(server.Startup.TotalMilliseconds);
                using var load = await Load.PrepareReportsAsync(server.BaseAddress, data, concurrency);
                var phaseDuration = r == 0 ? TimeSpan.FromSeconds(3) : duration;
                // A fresh process runs tier-0 code at first, then instrumented code (dynamic PGO), then optimised
                // code; the mixture, uncounted, lets the JIT settle so each phase measures the service as it runs all day.
                await new Scenarios(load, concurrency, settle).ReportsAsync(communes, province, quarters, 0.2);
                var runner = new Scenarios(load, concurrency, phaseDuration);
                foreach (var (name, share) in new[] { ("communes", 0.0), ("rankings", 1.0), ("mixed", 0.2) })
                {
                    var (recorder, elapsed) = await runner.ReportsAsync(communes, province, quarters, share);
                    var label = (cached ? "" : "uncached ") + (name == "mixed" ? "mixed:" : "");
                    var phase = recorder.Results(elapsed).Select(o => o with { Name = label + o.Name }).ToList();
                    Recorder.Print(r == 0 ? $"warm-up: {label}{name}" : $"run {r}: {label}{name} (start-up {server.Startup.TotalMilliseconds:0} ms, max RSS so far {server.MaxRssMb:0} MB)", phase);
                    results.AddRange(phase);
                }
                maxRss = Math.Max(maxRss, server.MaxRssMb);
                await server.StopAsync();
            }
            if (r > 0) perRun.Add(results);
        }
        var median = Median(perRun);
        startups.Sort();
        Recorder.Print($"reports: medians of {runs} runs; start-up median {startups[startups.Count / 2]:0} ms (all: {string.Join(", ", startups.Select(s => s.ToString("0", CultureInfo.InvariantCulture)))}); max RSS {maxRss:0} MB", median.Values.ToList());
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            database = Path.Combine(data, "sipas.db"),
            responses,
            concurrency,
            startupMsMedian = Math.Round(startups[startups.Count / 2]),
            maxRssMb = Math.Round(maxRss),
            operations = median.Values.ToDictionary(o => o.Name, o => new { perSecond = Math.Round(o.Throughput), p50 = o.P50, p95 = o.P95, p99 = o.P99, max = o.Max }),
        }));
        return 0;
    }

    private static Func<Task<(Recorder, double)>> Prepared(Func<ConcurrentQueue<string>, Task<(Recorder, double)>> scenario, ConcurrentQueue<string> fresh) =>
        () => scenario(fresh);

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
