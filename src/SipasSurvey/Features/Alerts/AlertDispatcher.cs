using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Alerts;

/// <summary>
/// Delivers the outbox to the configured webhook. Each attempt goes through one Polly pipeline:
/// a few quick jittered retries, a circuit breaker that stops all traffic to a receiver that keeps
/// failing, and a timeout per request. An alert that still fails waits in the outbox with a growing,
/// jittered delay (capped) and is never dropped; a 2xx marks it delivered. Receivers get an
/// Idempotency-Key, so the rare repeat (delivered, but the mark was not saved) can be recognised.
/// </summary>
internal sealed class AlertDispatcher : BackgroundService
{
    public const string HttpClientName = "sipas-alerts";

    private readonly AlertOptions _options;
    private readonly ReadPool _reads;
    private readonly IDatabase _database;
    private readonly DatabaseWriter _writer;
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _clock;
    private readonly ILogger<AlertDispatcher> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly AlertWakeUp _wake;

    public AlertDispatcher(IOptions<AlertOptions> options, ReadPool reads, IDatabase database, DatabaseWriter writer, IHttpClientFactory clients, AlertWakeUp wake, TimeProvider clock, ILogger<AlertDispatcher> logger)
    {
        _wake = wake;
        _options = options.Value;
        _reads = reads;
        _database = database;
        _writer = writer;
        _clients = clients;
        _clock = clock;
        _logger = logger;
        var failure = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests);
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = failure,
                MaxRetryAttempts = Math.Max(0, _options.Retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = failure,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(1, _options.BreakDuration.TotalSeconds * 2)),
                BreakDuration = _options.BreakDuration,
            })
            .AddTimeout(_options.Timeout)
            .Build();
    }

    /// <summary>A new alert was committed: deliver now instead of at the next poll.</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Delay before the next try of an alert that has failed <paramref name="attempts"/> times: doubling, capped, jittered ±20%.</summary>
    public static TimeSpan Backoff(AlertOptions options, int attempts, double jitter)
    {
        var doubled = options.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(30, Math.Max(0, attempts - 1)));
        return TimeSpan.FromMilliseconds(Math.Min(options.MaxBackoff.TotalMilliseconds, doubled) * (0.8 + 0.4 * Math.Clamp(jitter, 0, 1)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                await _wake.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ServiceUnavailableException e)
            {
                _logger.LogWarning("Alert delivery paused: {Reason}", e.Message);
                await Task.Delay(_options.PollInterval, _clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>How long a leased alert stays out of other servers' view: far longer than one delivery with its retries.</summary>
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

    /// <summary>One pass over the alerts that are due; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        // One server alone reads what is due; app servers sharing a database each lease their own rows
        // (pushed out of everyone else's view for LeaseTime), so each alert goes out once.
        var now = _clock.GetUtcNow();
        var due = _database.Shared
            ? await _writer.RunAsync(c => Data.Lease(c.Connection, now, now + LeaseTime))
            : _reads.Run(c => Data.Due(c, now));
        var delivered = 0;
        var client = _clients.CreateClient(HttpClientName);
        var tried = 0;
        foreach (var (id, payload, attempts) in due)
        {
            string? error;
            try
            {
                using var response = await _pipeline.ExecuteAsync(token => new ValueTask<HttpResponseMessage>(client.SendAsync(Request(id, payload), token)), cancellationToken);
                error = response.IsSuccessStatusCode ? null : $"receiver answered {(int)response.StatusCode}";
            }
            catch (BrokenCircuitException)
            {
                // The receiver is known to be down: no request is made, and no attempt is counted.
                _logger.LogWarning("Alert delivery paused: the receiver failed repeatedly (circuit open)");
                if (_database.Shared)   // hand the leases back: these alerts are due again at the next pass, here or elsewhere
                {
                    var untried = due.Skip(tried).Select(a => a.Id).ToList();
                    await _writer.RunAsync(c => Data.Release(c.Connection, untried, now));
                }
                break;
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = e.GetType().Name + ": " + e.Message;
            }
            var at = _clock.GetUtcNow();
            if (error is null)
            {
                await _writer.RunAsync(c =>
                {
                    Data.Delivered(c.Connection, id, at);
                    return true;
                });
                delivered++;
            }
            else
            {
                var next = at + Backoff(_options, (int)attempts + 1, Random.Shared.NextDouble());
                await _writer.RunAsync(c =>
                {
                    Data.Failed(c.Connection, id, next, error);
                    return true;
                });
                _logger.LogWarning("Alert {AlertId} not delivered ({Error}); next try at {Next:O}", id, error, next);
            }
            tried++;
        }
        return delivered;
    }

    private HttpRequestMessage Request(long id, string payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _options.WebhookUrl)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "sipas-alert-" + id.ToString(CultureInfo.InvariantCulture));
        if (_options.Secret.Length > 0)
            request.Headers.Add("X-Sipas-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.Secret), Encoding.UTF8.GetBytes(payload))));
        return request;
    }

}
