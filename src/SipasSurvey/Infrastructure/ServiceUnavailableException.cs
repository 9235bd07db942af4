namespace SipasSurvey.Infrastructure;

/// <summary>
/// The service cannot take this request right now (write queue full, disk full, database
/// read-only). Answered as 503 with Retry-After; nothing was acknowledged, so nothing is lost.
/// </summary>
internal sealed class ServiceUnavailableException(string reason, TimeSpan retryAfter, Exception? inner = null)
    : Exception(reason, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
