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
    private readonly Dictionary<Limit, int> _permits;
    private readonly IDatabase _database;
    private readonly TimeProvider _clock;

    public AbuseLimits(IOptions<LimitOptions> options, IDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        var o = options.Value;
        _permits = new()
        {
            [Limit.PosterNetwork] = o.PosterPerNetwork,
            [Limit.PosterDevice] = o.PosterPerDevice,
            [Limit.PosterCounter] = o.PosterPerCounter,
            [Limit.SubmitDevice] = o.SubmitPerDevice,
            [Limit.SubmitToken] = o.SubmitPerToken,
            [Limit.CodeDevice] = o.CodePerDevice,
            [Limit.CodeNetwork] = o.CodePerNetwork,
        };
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
        if (_database.Shared) return TryAcquireShared(out retryAfter, checks);
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

    /// <summary>
    /// Several app servers: hits are counted in the database per key and calendar minute (a fixed window
    /// rather than a token bucket), so a citizen balanced onto two servers still gets one allowance. Keys are
    /// hashed again (a slip token is a key) and the counters commit without waiting for the disk: losing a
    /// minute's count in a crash is harmless, an fsync per request is not.
    /// </summary>
    private bool TryAcquireShared(out TimeSpan retryAfter, (Limit Limit, string? Key)[] checks)
    {
        retryAfter = TimeSpan.Zero;
        try
        {
            return CountInDatabase(ref retryAfter, checks);
        }
        catch (Exception e) when (_database.Classify(e).IsStorage())
        {
            // Fail open: with the database unreachable or read-only the answer cannot be stored either, and
            // the write path says so with 503; a limiter must not turn an outage into another error.
            return true;
        }
    }

    private bool CountInDatabase(ref TimeSpan retryAfter, (Limit Limit, string? Key)[] checks)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = now - now % 60_000;
        var keys = new Dictionary<string, Limit>();
        foreach (var (limit, key) in checks)
            if (key is not null)
                keys[limit + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), 0, 16)] = limit;
        if (keys.Count == 0) return true;
        // One statement, one round trip: every key of the request counted at once, rows taken in key order
        // (two requests sharing keys cannot deadlock).
        using var connection = _database.OpenForCounts();
        var counted = connection.Query<(string Key, long Hits)>(
            """
            INSERT INTO rate_limit_windows (limit_key, window_start, hits)
            SELECT k, @window, 1 FROM unnest(@keys) AS k ORDER BY k
            ON CONFLICT (limit_key, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
            RETURNING limit_key, hits
            """, new { keys = keys.Keys.ToArray(), window });
        if (counted.All(c => c.Hits <= Math.Max(1, _permits[keys[c.Key]]))) return true;
        retryAfter = TimeSpan.FromMilliseconds(window + 60_000 - now);
        return false;
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
