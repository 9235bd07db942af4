using SipasSurvey.Infrastructure.Telemetry;

namespace SipasSurvey.Features.Alerts;

/// <summary>
/// sipas_alert_outbox_backlog and sipas_alert_outbox_oldest_seconds, read from the outbox when /metrics
/// is scraped (one indexed query, reused for a second so the two gauges agree). While the database
/// cannot be read the gauges are left out of the scrape rather than reported as zero. A hosted
/// service only so that the gauges exist from start-up; it runs nothing.
/// </summary>
internal sealed class OutboxMetrics : IHostedService
{
    private readonly ReadPool _reads;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private (DateTimeOffset At, OutboxBacklog? Value) _last = (DateTimeOffset.MinValue, null);

    public OutboxMetrics(SipasMetrics metrics, ReadPool reads, TimeProvider clock)
    {
        _reads = reads;
        _clock = clock;
        metrics.Gauge("sipas_alert_outbox_backlog", "Low-score alerts written but not yet delivered.", () => Read()?.Count);
        metrics.Gauge("sipas_alert_outbox_oldest_seconds", "Age of the oldest undelivered alert (0 when none waits).",
            () => Read() is { } backlog ? backlog.Oldest is { } oldest ? Math.Max(0, (_clock.GetUtcNow() - oldest).TotalSeconds) : 0 : null);
    }

    private OutboxBacklog? Read()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now - _last.At < TimeSpan.FromSeconds(1)) return _last.Value;
            OutboxBacklog? value;
            try
            {
                value = _reads.Run(Data.Backlog);
            }
            catch (Exception)
            {
                value = null;   // a database outage: a scrape must still answer (and the gauges then say nothing)
            }
            _last = (now, value);
            return value;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
