using System.Collections.Concurrent;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Rows read on nearly every request but changed rarely (API keys, provinces, communes, counters), kept in
/// memory on a shared engine, where each read is a round trip to PostgreSQL: an API-key report request made
/// three of them before reading a figure. Exact across app servers: triggers on those tables send a
/// notification when a changing statement commits (migration 0018), <see cref="ReferenceChangeListener"/>
/// receives it and this cache forgets everything. Nothing is kept while no listener is connected (start-up,
/// the database restarting): every read goes to the database then. A server that commits such a change
/// itself forgets at once (<see cref="Changed"/>); the others when the notification arrives, a moment after
/// the commit. On SQLite a read is an in-process call of microseconds, so nothing is kept.
/// </summary>
internal sealed class ReferenceCache
{
    /// <summary>More rows than a country has communes and counters: a bound, not a size anyone should reach.</summary>
    private const int MaxEntries = 200_000;

    private readonly Lock _gate = new();
    private Generation? _current;
    private long _hits;

    /// <summary>Whether rows are being kept (a listener is connected).</summary>
    public bool Keeping => Volatile.Read(ref _current) is not null;

    /// <summary>Rows served from memory since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>
    /// The row under <paramref name="key"/>, read by <paramref name="load"/> unless kept. A null (no such row) is
    /// never kept: a row created later is found, and unknown keys presented by a caller cannot fill memory.
    /// </summary>
    public T GetOrLoad<T>(string key, Func<T> load)
    {
        // Captured before the read: if a change arrives meanwhile, the value goes into a generation nobody reads.
        var generation = Volatile.Read(ref _current);
        if (generation is not null && generation.Entries.TryGetValue(key, out var kept))
        {
            Interlocked.Increment(ref _hits);
            return (T)kept;
        }
        var value = load();
        if (generation is not null && value is not null && generation.Entries.Count < MaxEntries) generation.Entries.TryAdd(key, value);
        return value;
    }

    /// <summary>A change to reference rows committed (here or, by notification, on another server): forget everything.</summary>
    public void Changed()
    {
        lock (_gate)
            if (_current is not null) Volatile.Write(ref _current, new Generation());
    }

    /// <summary>The listener is connected and listening: from now on every committed change is heard.</summary>
    public void StartKeeping()
    {
        lock (_gate) Volatile.Write(ref _current, new Generation());
    }

    /// <summary>The listener lost its connection: changes may go unheard, so keep nothing until it is back.</summary>
    public void StopKeeping()
    {
        lock (_gate) Volatile.Write(ref _current, null);
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, object> Entries = new(StringComparer.Ordinal);
    }
}
