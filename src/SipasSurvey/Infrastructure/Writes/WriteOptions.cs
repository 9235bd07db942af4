namespace SipasSurvey.Infrastructure.Writes;

internal enum WriteMode
{
    /// <summary>One writer thread commits many queued writes per transaction (the default).</summary>
    GroupCommit,

    /// <summary>One connection and one transaction per write: the naive baseline the benchmark compares against.</summary>
    PerRequest,
}

/// <summary>The "Sipas:Writes" configuration section.</summary>
internal sealed class WriteOptions
{
    public WriteMode Mode { get; set; } = WriteMode.GroupCommit;

    /// <summary>Writes waiting beyond this are refused with 503 + Retry-After instead of queueing without bound.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Most writes committed in one transaction.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>
    /// Writer threads per app server on PostgreSQL, each with its own connection and batches (SQLite: always
    /// one). 1 by default: with answers concentrated on a few communes, concurrent batches queue on the same
    /// aggregate rows, and 4 writers measured slower than 1 (987 against 1,344 answers/s at 64 clients).
    /// </summary>
    public int Writers { get; set; } = 1;
}
