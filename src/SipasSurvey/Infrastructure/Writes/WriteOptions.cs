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
}
