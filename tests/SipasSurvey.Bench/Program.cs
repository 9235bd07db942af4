using System.CommandLine;

namespace SipasSurvey.Bench;

/// <summary>
/// The SipasSurvey load generator: drives the real server over loopback and reports throughput and
/// latency percentiles per operation. See README "Performance" for the commands and the figures.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("SipasSurvey load generator");

        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 64, Description = "Concurrent clients" };
        var seconds = new Option<int>("--seconds") { DefaultValueFactory = _ => 10, Description = "Duration of each measured phase" };
        var warmup = new Option<int>("--warmup") { DefaultValueFactory = _ => 3, Description = "Seconds of each scenario run once, uncounted, before the measured runs" };
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 3, Description = "Repetitions; the report gives medians" };
        var scenarios = new Option<string>("--scenarios") { DefaultValueFactory = _ => "form,submit,slip,slip2,sheet,sheetqr,mixed", Description = "Comma-separated: form, submit, slip (one request, includeQrSvg), slip2 (slip then qrSvgUrl), sheet (50 slips), sheetqr (50 slips with QR SVG), reports, mixed" };
        var modes = new Option<string>("--modes") { DefaultValueFactory = _ => "GroupCommit,PerRequest", Description = "Write modes to compare" };
        var provider = new Option<string>("--provider") { DefaultValueFactory = _ => "sqlite", Description = "sqlite, or postgresql (a throw-away cluster started on this machine, fsync on)" };
        var servers = new Option<int>("--servers") { DefaultValueFactory = _ => 1, Description = "App server processes on the one database (postgresql), taken in turn per request" };
        var proxy = new Option<string>("--proxy") { DefaultValueFactory = _ => "none", Description = "none (clients talk to the servers), or nginx (Debian's nginx running deploy/nginx/sipas.conf with TLS in front of them)" };
        var run = new Command("run", "Start the server (demo data) in each write mode and measure the chosen scenarios.")
        {
            concurrency, seconds, warmup, runs, scenarios, modes, provider, servers, proxy,
        };
        run.SetAction(parse => Benchmark.RunAsync(parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(seconds)), TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(runs),
            parse.GetValue(scenarios)!.Split(','), parse.GetValue(modes)!.Split(','), parse.GetValue(provider)!, parse.GetValue(servers), parse.GetValue(proxy)!));
        root.Subcommands.Add(run);

        var responses = new Option<long>("--responses") { DefaultValueFactory = _ => 10_000_000, Description = "Responses to store" };
        var database = new Option<string>("--data") { Required = true, Description = "Data folder to create (the service's Sipas:DataDirectory)" };
        var seed = new Command("seed", "Create a national-size database: 3,321 communes, responses over eight quarters, aggregates; with --provider postgresql also its copy in a PostgreSQL cluster beside the folder.") { responses, database, provider };
        seed.SetAction(parse => Seeder.Run(parse.GetValue(database)!, parse.GetValue(responses), parse.GetValue(provider)!));
        root.Subcommands.Add(seed);

        var reportData = new Option<string>("--data") { Required = true, Description = "A data folder made by seed" };
        var settle = new Option<int>("--settle") { DefaultValueFactory = _ => 10, Description = "Seconds of the report mixture, uncounted, on each fresh server before it is measured (the JIT's tiers settle)" };
        var cache = new Option<string>("--cache") { DefaultValueFactory = _ => "both", Description = "Measure reports with the report cache on, off, or both (each on a fresh server)" };
        cache.AcceptOnlyFromAmong("both", "on", "off");
        var reports = new Command("reports", "Start-up time, report latency and memory on a large database.") { reportData, concurrency, seconds, runs, provider, settle, cache };
        reports.SetAction(parse => Benchmark.ReportsAsync(parse.GetValue(reportData)!, parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(runs), parse.GetValue(provider)!,
            TimeSpan.FromSeconds(parse.GetValue(settle)), parse.GetValue(cache)!));
        root.Subcommands.Add(reports);

        var crashSeconds = new Option<int>("--seconds") { DefaultValueFactory = _ => 20, Description = "Load before and after the kill" };
        var crash = new Command("crash", "SIGKILL the server mid-load; verify every acknowledged response survived exactly once.") { concurrency, crashSeconds };
        crash.SetAction(parse => CrashTest.RunAsync(parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(crashSeconds))));
        root.Subcommands.Add(crash);

        return await root.Parse(args).InvokeAsync();
    }
}
