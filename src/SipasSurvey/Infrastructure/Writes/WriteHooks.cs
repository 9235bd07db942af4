namespace SipasSurvey.Infrastructure.Writes;

/// <summary>What a write job works with: the writer's connection (inside the batch's transaction) and a place to record facts.</summary>
internal sealed class WriteContext(DbConnection connection)
{
    private readonly List<object> _facts = [];

    public DbConnection Connection { get; } = connection;

    internal IReadOnlyList<object> Facts => _facts;

    /// <summary>Something this job changed that other features act on (aggregates, alerts, caches); kept only if the job succeeds.</summary>
    public void Record(object fact) => _facts.Add(fact);

    internal void Reset() => _facts.Clear();
}

/// <summary>
/// Work that follows from committed writes, registered by the feature that owns it: the writer knows
/// no feature. <see cref="BeforeCommit"/> runs inside the batch's transaction after all its jobs, with
/// the facts of the jobs that succeeded (it can sum them and write once per batch); a failure there
/// fails the whole batch. <see cref="AfterCommit"/> runs once the batch is durable.
/// </summary>
internal interface IWriteHook
{
    void BeforeCommit(DbConnection connection, IReadOnlyList<object> facts);

    void AfterCommit(IReadOnlyList<object> facts);
}

/// <summary>
/// A write many requests make the same way (an answer's insert): the jobs of one batch that use the
/// same instance are written together, in one statement where the engine gains from it, instead of one
/// round trip each. Results come back in the items' order. If the group fails on one item's data, the
/// batch runs again with each item alone (and its own savepoint), so only that item is refused.
/// </summary>
internal interface IBatchedWrite<TItem, TResult>
{
    IReadOnlyList<TResult> Write(WriteContext context, IReadOnlyList<TItem> items);
}
