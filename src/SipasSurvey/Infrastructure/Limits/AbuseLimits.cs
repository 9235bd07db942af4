using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SipasSurvey.Infrastructure.Limits;

/// <summary>The "Sipas:Limits" section: per-minute allowances (token buckets, so short bursts pass).</summary>
internal sealed class LimitOptions
{
    /// <summary>Poster scans per network (/24): a whole office behind one address keeps working.</summary>
    public int PosterPerNetwork { get; set; } = 60;

    /// <summary>Poster scans per device (address + browser).</summary>
    public int PosterPerDevice { get; set; } = 6;

    /// <summary>Poster slips per counter per minute.</summary>
    public int PosterPerCounter { get; set; } = 30;

    /// <summary>Submissions per device.</summary>
    public int SubmitPerDevice { get; set; } = 20;

    /// <summary>Submissions on one slip (a token being hammered).</summary>
    public int SubmitPerToken { get; set; } = 10;

    /// <summary>Typed codes per device: guessing 50-bit codes is hopeless at this rate.</summary>
    public int CodePerDevice { get; set; } = 10;

    /// <summary>Typed codes per network.</summary>
    public int CodePerNetwork { get; set; } = 120;
}

internal enum Limit { PosterNetwork, PosterDevice, PosterCounter, SubmitDevice, SubmitToken, CodeDevice, CodeNetwork }

/// <summary>
/// Rate limits against abuse, keyed by hashed signals (never raw addresses). A refused request gets
/// 429 with Retry-After; nothing about it is stored.
/// </summary>
internal sealed class AbuseLimits : IDisposable
{
    private readonly Dictionary<Limit, PartitionedRateLimiter<string>> _limiters;

    public AbuseLimits(IOptions<LimitOptions> options)
    {
        var o = options.Value;
        _limiters = new()
        {
            [Limit.PosterNetwork] = PerMinute(o.PosterPerNetwork),
            [Limit.PosterDevice] = PerMinute(o.PosterPerDevice),
            [Limit.PosterCounter] = PerMinute(o.PosterPerCounter),
            [Limit.SubmitDevice] = PerMinute(o.SubmitPerDevice),
            [Limit.SubmitToken] = PerMinute(o.SubmitPerToken),
            [Limit.CodeDevice] = PerMinute(o.CodePerDevice),
            [Limit.CodeNetwork] = PerMinute(o.CodePerNetwork),
        };
    }

    /// <summary>Takes one permit from each named limit; false (and the wait) when any is exhausted.</summary>
    public bool TryAcquire(out TimeSpan retryAfter, params (Limit Limit, string? Key)[] checks)
    {
        retryAfter = TimeSpan.Zero;
        var leases = new List<RateLimitLease>(checks.Length);
        try
        {
            foreach (var (limit, key) in checks)
            {
                if (key is null) continue;
                var lease = _limiters[limit].AttemptAcquire(key);
                leases.Add(lease);
                if (lease.IsAcquired) continue;
                retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                return false;
            }
            return true;
        }
        finally
        {
            foreach (var lease in leases) lease.Dispose();
        }
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, permits),
            TokensPerPeriod = Math.Max(1, permits),
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public static string Key(byte[]? hash) => hash is null ? "none" : Convert.ToHexString(hash);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values) limiter.Dispose();
    }
}
