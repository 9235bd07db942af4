using System.Diagnostics;
using System.Globalization;

namespace SipasSurvey.Bench;

public sealed record OperationResult(string Name, long Ok, long Errors, double Seconds, double Throughput, double P50, double P95, double P99, double Max,
    IReadOnlyDictionary<int, long> Statuses);

/// <summary>Latencies per operation, in milliseconds, recorded without locks per worker and merged at the end.</summary>
public sealed class Recorder
{
    private readonly List<(string Name, double Ms, int Status)>[] _perWorker;

    public Recorder(int workers)
    {
        _perWorker = Enumerable.Range(0, workers).Select(_ => new List<(string, double, int)>(100_000)).ToArray();
    }

    public void Record(int worker, string name, long startTimestamp, int status) =>
        _perWorker[worker].Add((name, Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, status));

    public IReadOnlyList<OperationResult> Results(double seconds, Func<string, int, bool>? success = null)
    {
        success ??= (_, status) => status is >= 200 and < 400;
        return _perWorker.SelectMany(w => w).GroupBy(r => r.Name).Select(g =>
        {
            var ok = g.Where(r => success(g.Key, r.Status)).Select(r => r.Ms).Order().ToArray();
            double Percentile(double p) => ok.Length == 0 ? double.NaN : ok[Math.Min(ok.Length - 1, (int)Math.Ceiling(p * ok.Length) - 1)];
            return new OperationResult(g.Key, ok.Length, g.Count() - ok.Length, seconds, ok.Length / seconds,
                Percentile(0.50), Percentile(0.95), Percentile(0.99), ok.Length == 0 ? double.NaN : ok[^1],
                g.GroupBy(r => r.Status).ToDictionary(s => s.Key, s => (long)s.Count()));
        }).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    public static void Print(string title, IReadOnlyList<OperationResult> results)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"  {"operation",-22}{"ok",10}{"errors",8}{"per s",10}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}{"max ms",9}  statuses");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name,-22}{r.Ok,10}{r.Errors,8}{r.Throughput,10:0}{r.P50,9:0.0}{r.P95,9:0.0}{r.P99,9:0.0}{r.Max,9:0.0}  {string.Join(' ', r.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}"));
    }
}
