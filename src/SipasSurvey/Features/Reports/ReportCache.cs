using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports;

/// <summary>The "Sipas:Reports" configuration section.</summary>
internal sealed class ReportOptions
{
    /// <summary>
    /// Computed reports kept in memory (commune reports count 1, rankings 1 per commune ranked); 0 turns
    /// the cache off. Measured on the 10M database: a commune report holds about 6 KB, a ranking about
    /// 0.6 KB per commune, so the default costs at most about 40 MB and keeps the service under 300 MB.
    /// </summary>
    public int CacheEntries { get; set; } = 6_000;
}

/// <summary>
/// Computed commune reports and rankings, shared by every caller allowed to read them (access is
/// checked before the cache is consulted). Exact, not time-based: every committed write that can
/// change a figure (a slip issued or revoked, a response stored) bumps its commune's and province's
/// version, and an entry computed under an older version is recomputed. The version is read before
/// computing and bumped after the commit, so a stale entry can never outlive the bump. On SQLite the
/// service is the only writer (the service lock) and the versions live in memory; on a shared engine
/// several app servers write, so the versions live in the database (report_versions, bumped in the
/// writing transaction by <see cref="CacheInvalidation"/>) and are read there before each cached answer.
/// </summary>
internal sealed class ReportCache(IOptions<ReportOptions> options, AccessScope scope, IDatabase database, ReadPool reads,
    Infrastructure.Telemetry.SipasMetrics metrics) : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheEntries) });
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _provinceOf = new(StringComparer.Ordinal);

    /// <summary>After a committed write for this commune.</summary>
    public void Changed(string communeCode)
    {
        _versions.AddOrUpdate("c:" + communeCode, 1, (_, v) => v + 1);
        var province = _provinceOf.GetOrAdd(communeCode, code => scope.Commune(code)?.ProvinceCode ?? "");
        _versions.AddOrUpdate("p:" + province, 1, (_, v) => v + 1);
    }

    // The unit's name is part of the key: a renamed commune or province is never shown under its old name.
    public Task<CommuneReport> CommuneAsync(UnitName commune, string key, Func<Task<CommuneReport>> compute) =>
        GetOrComputeAsync("c:" + commune.Code, $"commune|{commune.Code}|{commune.Name}|{key}", 1, compute);

    public Task<RankingReport> RankingAsync(UnitName province, string key, Func<Task<RankingReport>> compute) =>
        GetOrComputeAsync("p:" + province.Code, $"ranking|{province.Code}|{province.Name}|{key}", null, compute);

    private async Task<T> GetOrComputeAsync<T>(string scopeKey, string key, long? size, Func<Task<T>> compute) where T : class
    {
        if (options.Value.CacheEntries <= 0) return await compute();
        var version = database.Shared ? reads.Run(c => Data.ReportVersion(c, scopeKey)) : _versions.GetValueOrDefault(scopeKey);
        if (_entries.TryGetValue(key, out (long Version, T Value) cached) && cached.Version == version)
        {
            metrics.ReportCache(hit: true);
            return cached.Value;
        }
        metrics.ReportCache(hit: false);
        var value = await compute();
        var cost = size ?? Math.Max(1, (value as RankingReport)?.Rows.Count ?? 1);
        _entries.Set(key, (version, value), new MemoryCacheEntryOptions { Size = cost, SlidingExpiration = TimeSpan.FromHours(1) });
        return value;
    }

    public void Dispose() => _entries.Dispose();
}
