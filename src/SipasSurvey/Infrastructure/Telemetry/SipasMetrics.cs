using System.Diagnostics.Metrics;

namespace SipasSurvey.Infrastructure.Telemetry;

/// <summary>
/// The service's own instruments, on the "SipasSurvey" meter that /metrics exports. Their Prometheus
/// names (sipas_answers_total, sipas_commit_seconds…) are a contract, like the API: the exporter adds
/// "_total" to counters and the unit ("_seconds") to the commit histogram, nothing else.
/// </summary>
internal sealed class SipasMetrics
{
    public const string MeterName = "SipasSurvey";

    private readonly Meter _meter;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _slipsIssued;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Histogram<int> _queueDepth;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitSeconds;

    public SipasMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _answers = _meter.CreateCounter<long>("sipas_answers", description: "Answers received, once each, by outcome (stored counted after its commit).");
        _slipsIssued = _meter.CreateCounter<long>("sipas_slips_issued", description: "Slips issued (printed, sheets, integration API, poster).");
        _cacheHits = _meter.CreateCounter<long>("sipas_report_cache_hits", description: "Reports answered from the report cache.");
        _cacheMisses = _meter.CreateCounter<long>("sipas_report_cache_misses", description: "Reports computed because the cache had no current copy.");
        _queueDepth = _meter.CreateHistogram("sipas_write_queue_depth", unit: null, description: "Writes waiting in the queue when the writer took a batch.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 4, 16, 64, 256, 1024, 4096] });
        _batchSize = _meter.CreateHistogram("sipas_write_batch_size", unit: null, description: "Writes committed together in one transaction.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _commitSeconds = _meter.CreateHistogram("sipas_commit", unit: "s", description: "Time to run and commit one write batch.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        // Every series exists from start-up at 0, so a rate() over a fresh server's first answers is right.
        foreach (var outcome in new[] { Outcome.Stored, Outcome.Replayed, Outcome.Conflict, Outcome.Refused, Outcome.Invalid })
            _answers.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        _slipsIssued.Add(0);
        _cacheHits.Add(0);
        _cacheMisses.Add(0);
    }

    /// <summary>The outcome labels of sipas_answers_total.</summary>
    public static class Outcome
    {
        public const string Stored = "stored";
        public const string Replayed = "replayed";
        public const string Conflict = "conflict";
        public const string Refused = "refused";
        public const string Invalid = "invalid";
    }

    public void Answer(string outcome) => _answers.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SlipsIssued(int count) => _slipsIssued.Add(count);

    public void ReportCache(bool hit) => (hit ? _cacheHits : _cacheMisses).Add(1);

    public void Batch(int queued, int size, TimeSpan commit)
    {
        _queueDepth.Record(queued);
        _batchSize.Record(size);
        _commitSeconds.Record(commit.TotalSeconds);
    }

    /// <summary>A gauge read when /metrics is scraped (its owner knows the value; nothing is recorded in between).</summary>
    public void Gauge(string name, string description, Func<double?> read) =>
        _meter.CreateObservableGauge(name, () => read() is { } value ? [new Measurement<double>(value)] : Array.Empty<Measurement<double>>(), description: description);
}
