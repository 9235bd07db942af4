using System.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace SipasSurvey.Infrastructure.Writes;

/// <summary>
/// Every acknowledged write goes through here. In group-commit mode one thread owns one connection
/// and commits whatever has queued up in a single transaction (durable before COMMIT returns), each
/// job inside its own savepoint so one failure does not sink the others, then the registered hooks
/// (aggregates, outbox…) write what the batch's facts imply in the same transaction. A job's task
/// completes only after its transaction committed: that is the acknowledgement. The writer does only
/// writes: everything a job needs to read is read before it is queued.
/// </summary>
internal sealed class DatabaseWriter : IHostedService, IDisposable
{
    private readonly IDatabase _database;
    private readonly WriteOptions _options;
    private readonly ILogger<DatabaseWriter> _logger;
    private readonly IReadOnlyList<IWriteHook> _hooks;
    private readonly WriteQueue _queue;
    private readonly ResiliencePipeline _busyRetry;
    private readonly Telemetry.SipasMetrics _metrics;
    private readonly List<Thread> _threads = [];
    private volatile string? _storageProblem;
    private long _batches;
    private long _writes;

    /// <summary>Whether other app servers write the same database (see <see cref="IDatabase.Shared"/>).</summary>
    public bool Shared => _database.Shared;

    public DatabaseWriter(IDatabase database, IOptions<WriteOptions> options, IEnumerable<IWriteHook> hooks, ILogger<DatabaseWriter> logger,
        Telemetry.SipasMetrics metrics)
    {
        _metrics = metrics;
        metrics.Gauge("sipas_storage_healthy", "1 while commits succeed, 0 after a storage failure until a write commits again.",
            () => _storageProblem is null ? 1 : 0);
        _database = database;
        _options = options.Value;
        _hooks = hooks.ToList();
        _logger = logger;
        _queue = new WriteQueue(_options.QueueCapacity);
        // The driver already waits out a busy lock for its own timeout; this covers a lock held longer
        // (a backup, an operator's import, another server's transaction) and deadlocks between servers:
        // the whole batch is run again before its writes are given up as 503.
        _busyRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => database.Classify(e) == DatabaseFailure.Busy),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
            })
            .Build();
    }

    public WriteMode Mode => _options.Mode;

    /// <summary>Null while commits succeed; the last storage error (disk full, read-only…) otherwise.</summary>
    public string? StorageProblem => _storageProblem;

    public int Queued => _queue.Count;

    public (long Batches, long Writes) Totals => (Interlocked.Read(ref _batches), Interlocked.Read(ref _writes));

    /// <summary>Runs <paramref name="work"/> inside a write transaction and completes after the commit.</summary>
    public Task<T> RunAsync<T>(Func<WriteContext, T> work) => Submit(new WriteJob<T>(work));

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, for an item that <paramref name="write"/> writes together with the
    /// other items it got in the same batch (one statement for all of them).
    /// </summary>
    public Task<TResult> RunBatchedAsync<TItem, TResult>(IBatchedWrite<TItem, TResult> write, TItem item) =>
        Submit(new BatchedJob<TItem, TResult>(write, item));

    /// <summary>Per-request mode runs the job now; group commit queues it (refused with 503 when the queue is full).</summary>
    private Task<T> Submit<T>(WriteJob<T> job)
    {
        if (_options.Mode == WriteMode.PerRequest)
        {
            RunAlone(job);
            return job.Task;
        }
        if (!_queue.TryAdd(job))
            throw new ServiceUnavailableException("The service is at capacity; nothing was saved. Please retry shortly.", TimeSpan.FromSeconds(1));
        return job.Task;
    }

    /// <summary>
    /// A whole transaction on the calling thread, with the hooks, before the service runs (demo data):
    /// the same code as every queued write, only not queued.
    /// </summary>
    public T RunNow<T>(Func<WriteContext, T> work)
    {
        var job = new WriteJob<T>(work);
        RunAlone(job);
        return job.Task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// After a storage failure: one small write that needs fresh pages. It commits (clearing
    /// <see cref="StorageProblem"/>) once the disk has room again; false while it still fails.
    /// </summary>
    public async Task<bool> ProbeAsync()
    {
        try
        {
            return await RunAsync(c =>
            {
                StorageProbe.Write(c.Connection);
                return true;
            });
        }
        catch (ServiceUnavailableException)
        {
            return false;
        }
    }

    /// <summary>A write nobody waits for (e.g. when a form was first opened): dropped, not queued, when the queue is full.</summary>
    public bool TryRunInBackground(Action<WriteContext> work)
    {
        if (_options.Mode == WriteMode.PerRequest) return false;
        var job = new WriteJob<bool>(c => { work(c); return true; });
        return _queue.TryAdd(job);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == WriteMode.GroupCommit)
        {
            var writers = _database.Shared ? Math.Max(1, _options.Writers) : 1;   // SQLite: one writer at a time, whatever the setting
            for (var i = 0; i < writers; i++)
            {
                var thread = new Thread(Loop) { IsBackground = true, Name = "sipas-writer-" + i };
                _threads.Add(thread);
                thread.Start();
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Stops taking writes and commits everything already queued before the process exits.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        if (_threads.Count == 0) return Task.CompletedTask;
        return Task.Run(() => _threads.ForEach(t => t.Join()), cancellationToken);
    }

    private void Loop()
    {
        var batch = new List<WriteJob>(_options.MaxBatch);
        DbConnection? connection = null;
        try
        {
            while (_queue.Take(batch, _options.MaxBatch))
            {
                try
                {
                    connection ??= _database.OpenWriter();
                }
                catch (Exception e)
                {
                    Fail(batch, e);
                    batch.Clear();
                    continue;
                }
                var committed = Commit(connection, batch, reconnect: true);
                if (committed == Committed.ConnectionLost)
                {
                    // The connection died while it waited (a restarted database, a network cut now mended): BEGIN
                    // failed, so nothing of this batch reached the server and it runs again on a fresh connection.
                    _database.Discard(connection);
                    connection = null;
                    try
                    {
                        connection = _database.OpenWriter();
                        committed = Commit(connection, batch, reconnect: false);
                    }
                    catch (Exception e)
                    {
                        Fail(batch, e);
                        committed = Committed.No;
                    }
                }
                if (committed != Committed.Yes && connection is not null)
                {
                    // After a storage failure start again with a fresh connection, not the pooled handle that failed.
                    _database.Discard(connection);
                    connection = null;
                }
                batch.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private enum Committed { Yes, No, ConnectionLost }

    /// <summary>
    /// One transaction for the whole batch (run again whole if the engine reports it busy or deadlocked).
    /// With <paramref name="reconnect"/>, a connection found dead at BEGIN is reported instead of failing the batch.
    /// </summary>
    private Committed Commit(DbConnection connection, List<WriteJob> batch, bool reconnect)
    {
        var started = Stopwatch.GetTimestamp();
        var queued = batch.Count + _queue.Count;
        List<object> facts;
        try
        {
            facts = _busyRetry.Execute(() => RunBatch(connection, batch));
        }
        catch (ConnectionLostAtBegin) when (reconnect)
        {
            return Committed.ConnectionLost;
        }
        catch (Exception e)
        {
            // Storage failures land here, and so does anything unforeseen at BEGIN, in a hook or at
            // COMMIT: either way the batch did not commit. Saying so (503, retry) beats taking the process down.
            TryRollback(connection);
            var cause = e is ConnectionLostAtBegin lost ? lost.InnerException! : e;
            if (_database.Classify(cause) == DatabaseFailure.Unavailable) _database.ConnectionsLost();
            Fail(batch, cause);
            return Committed.No;
        }
        _storageProblem = null;
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, batch.Count);
        _metrics.Batch(queued, batch.Count, Stopwatch.GetElapsedTime(started));
        // The hooks first (the report cache's version bump among them), then the acknowledgements: a client
        // that reads a report right after its answer was acknowledged must not be served the copy from before.
        AfterCommit(facts);
        foreach (var job in batch) job.Acknowledge();
        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.LogDebug("Committed {Count} writes in {Ms:0.0} ms", batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Committed.Yes;
    }

    /// <summary>
    /// Runs the batch in one transaction. Jobs almost never fail on their own data (conflicts are part
    /// of their SQL), so the batch first runs without a savepoint per job; if one does fail, it all rolls
    /// back and runs again with savepoints, so the failing job is refused and the others still commit.
    /// </summary>
    private List<object> RunBatch(DbConnection connection, List<WriteJob> batch)
    {
        try
        {
            return RunBatch(connection, batch, savepoints: false);
        }
        catch (JobFailed)
        {
            TryRollback(connection);
            return RunBatch(connection, batch, savepoints: true);
        }
    }

    private List<object> RunBatch(DbConnection connection, List<WriteJob> batch, bool savepoints)
    {
        var facts = new List<object>();
        try
        {
            try
            {
                _database.BeginWrite(connection);
            }
            catch (Exception e) when (_database.Classify(e) == DatabaseFailure.Unavailable)
            {
                throw new ConnectionLostAtBegin(e);
            }
            var context = new WriteContext(connection);
            Dictionary<object, List<WriteJob>>? groups = null;
            foreach (var job in batch)
            {
                // Without savepoints, a batched write's jobs wait to be written together after the others.
                if (!savepoints && job.Group is { } group)
                {
                    groups ??= [];
                    if (!groups.TryGetValue(group, out var members)) groups[group] = members = [];
                    members.Add(job);
                    continue;
                }
                context.Reset();
                if (savepoints) Prepared.Command(connection, "SAVEPOINT job").ExecuteNonQuery();
                try
                {
                    job.Execute(context);
                    if (savepoints) Prepared.Command(connection, "RELEASE SAVEPOINT job").ExecuteNonQuery();
                    facts.AddRange(context.Facts);
                }
                catch (Exception e) when (!_database.Classify(e).IsStorage())
                {
                    if (!savepoints) throw new JobFailed(e);
                    Execute(connection, "ROLLBACK TO SAVEPOINT job");
                    Execute(connection, "RELEASE SAVEPOINT job");
                    job.Refuse(e);
                }
            }
            foreach (var members in groups?.Values ?? Enumerable.Empty<List<WriteJob>>())
            {
                context.Reset();
                try
                {
                    members[0].ExecuteGroup(context, members);
                    facts.AddRange(context.Facts);
                }
                catch (Exception e) when (!_database.Classify(e).IsStorage())
                {
                    throw new JobFailed(e);
                }
            }
            foreach (var hook in _hooks) hook.BeforeCommit(connection, facts);
            Execute(connection, "COMMIT");
            return facts;
        }
        catch (Exception e) when (e is JobFailed or ConnectionLostAtBegin)
        {
            throw;
        }
        catch
        {
            TryRollback(connection);
            throw;
        }
    }

    /// <summary>BEGIN could not be sent: the connection is dead and nothing of the batch reached the server.</summary>
    private sealed class ConnectionLostAtBegin(Exception inner) : Exception("The writer's connection was lost before BEGIN.", inner);

    /// <summary>A job failed on its own data in a batch run without savepoints: run the batch again with them.</summary>
    private sealed class JobFailed(Exception inner) : Exception("A write job failed; the batch runs again with a savepoint per job.", inner);

    private void RunAlone(WriteJob job)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var facts = _busyRetry.Execute(() =>
            {
                using var connection = _database.OpenWriter();
                var context = new WriteContext(connection);
                _database.BeginWrite(connection);
                try
                {
                    job.Execute(context);
                    foreach (var hook in _hooks) hook.BeforeCommit(connection, context.Facts);
                    Execute(connection, "COMMIT");
                    return context.Facts.ToList();
                }
                catch
                {
                    TryRollback(connection);
                    throw;
                }
            });
            _storageProblem = null;
            _metrics.Batch(0, 1, Stopwatch.GetElapsedTime(started));
            AfterCommit(facts);
            job.Acknowledge();
        }
        catch (Exception e)
        {
            Fail([job], e);
        }
    }

    private void Fail(IEnumerable<WriteJob> jobs, Exception e)
    {
        var failure = _database.Classify(e);
        if (failure.IsStorage() || e is ServiceUnavailableException)
        {
            _storageProblem = e.Message;
            _logger.LogError(e, "Writes not committed: storage unavailable ({Failure})", failure);
            var unavailable = new ServiceUnavailableException("Storage is unavailable; nothing was saved. Please retry shortly.", TimeSpan.FromSeconds(5), e);
            foreach (var job in jobs) job.Reject(unavailable);
            return;
        }
        _logger.LogError(e, "Writes not committed");
        var rejected = new ServiceUnavailableException("The write could not be completed; nothing was saved. Please retry shortly.", TimeSpan.FromSeconds(5), e);
        foreach (var job in jobs) job.Reject(job.IsOwnFailure(e) ? e : rejected);
    }

    private void AfterCommit(IReadOnlyList<object> facts)
    {
        if (facts.Count == 0) return;
        foreach (var hook in _hooks)
        {
            try
            {
                hook.AfterCommit(facts);
            }
            catch (Exception e)
            {
                // The writes are durable (and about to be acknowledged); a cache or a wake-up failing must not undo that.
                _logger.LogError(e, "After-commit hook {Hook} failed", hook.GetType().Name);
            }
        }
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void TryRollback(DbConnection connection)
    {
        try { Execute(connection, "ROLLBACK"); }
        catch (DbException) { /* no transaction left to roll back */ }
        catch (InvalidOperationException) { /* connection broken */ }
    }

    public void Dispose() => _queue.Complete();
}

internal abstract class WriteJob
{
    private Exception? _thrown;

    public void Execute(WriteContext context)
    {
        _thrown = null;
        try
        {
            Run(context);
        }
        catch (Exception e)
        {
            _thrown = e;
            throw;
        }
    }

    /// <summary>The job's own work threw this (a per-request write failing on its own data): it goes back to its caller as is.</summary>
    public bool IsOwnFailure(Exception e) => ReferenceEquals(e, _thrown);

    /// <summary>Jobs with the same group (a batched write) can be run together by <see cref="ExecuteGroup"/>; null for the others.</summary>
    public virtual object? Group => null;

    /// <summary>Runs this job and the others of its group (<paramref name="members"/>, this one first) as one write.</summary>
    public virtual void ExecuteGroup(WriteContext context, IReadOnlyList<WriteJob> members) =>
        throw new InvalidOperationException("Only batched writes run as a group.");

    protected abstract void Run(WriteContext context);

    /// <summary>The batch committed: the job's result, or the error its own work met.</summary>
    public abstract void Acknowledge();

    /// <summary>The job's own work failed inside a batch; the others go on. Reported when the batch commits.</summary>
    public abstract void Refuse(Exception error);

    /// <summary>The batch did not commit: nothing of this job was saved.</summary>
    public abstract void Reject(Exception error);
}

internal class WriteJob<T>(Func<WriteContext, T> work) : WriteJob
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;

    public Task<T> Task => _completion.Task;

    protected override void Run(WriteContext context) => Succeeded(work(context));

    /// <summary>The job's work returned this; the caller gets it once the batch commits.</summary>
    protected void Succeeded(T result)
    {
        _error = null;
        _result = result;
    }

    public override void Acknowledge()
    {
        if (_error is not null) _completion.TrySetException(_error);
        else _completion.TrySetResult(_result!);
    }

    public override void Refuse(Exception error) => _error = error;

    public override void Reject(Exception error) => _completion.TrySetException(error);
}

/// <summary>A job of a batched write: alone it writes its one item; with its group, every member's item in one write.</summary>
internal sealed class BatchedJob<TItem, TResult>(IBatchedWrite<TItem, TResult> write, TItem item)
    : WriteJob<TResult>(context => write.Write(context, [item])[0])
{
    public override object? Group => write;

    public override void ExecuteGroup(WriteContext context, IReadOnlyList<WriteJob> members)
    {
        var jobs = members.Cast<BatchedJob<TItem, TResult>>().ToList();
        var results = write.Write(context, jobs.ConvertAll(j => j.Item));
        for (var i = 0; i < jobs.Count; i++) jobs[i].Succeeded(results[i]);
    }

    private TItem Item => item;
}
