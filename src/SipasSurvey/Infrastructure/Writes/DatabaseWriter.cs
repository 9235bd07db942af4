using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Infrastructure.Writes;

/// <summary>
/// Every acknowledged write goes through here. In group-commit mode one thread owns one connection
/// and commits whatever has queued up in a single transaction (synchronous=FULL: on disk before
/// COMMIT returns), each write inside its own savepoint so one failure does not sink the others.
/// A write's task completes only after its transaction committed: that is the acknowledgement.
/// </summary>
public sealed class DatabaseWriter : IHostedService, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly WriteOptions _options;
    private readonly ILogger<DatabaseWriter> _logger;
    private readonly WriteQueue _queue;
    private readonly ResiliencePipeline _busyRetry;
    private readonly IOptionsMonitor<StorageOptions> _storage;
    private double _appliedCeiling = double.NaN;
    private Thread? _thread;
    private volatile string? _storageProblem;
    private long _batches;
    private long _writes;

    public DatabaseWriter(SqliteDatabase database, IOptions<WriteOptions> options, IOptionsMonitor<StorageOptions> storage, ILogger<DatabaseWriter> logger)
    {
        _storage = storage;
        _database = database;
        _options = options.Value;
        _logger = logger;
        _queue = new WriteQueue(_options.QueueCapacity);
        // The driver already waits out SQLITE_BUSY for its busy timeout; this covers a lock held longer
        // (a backup or an operator's import in another process) before the writes are given up as 503.
        _busyRetry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SqliteException>(e => e.SqliteErrorCode is 5 or 6),
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
    public Task<T> RunAsync<T>(Func<SqliteConnection, T> work)
    {
        var job = new WriteJob<T>(work);
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
    /// After a storage failure: one small write that needs fresh pages. It commits (clearing
    /// <see cref="StorageProblem"/>) once the disk has room again; false while it still fails.
    /// </summary>
    public async Task<bool> ProbeAsync()
    {
        try
        {
            return await RunAsync(c =>
            {
                Execute(c, "INSERT INTO storage_probe (filler) VALUES (zeroblob(16384))");
                Execute(c, "DELETE FROM storage_probe");
                return true;
            });
        }
        catch (ServiceUnavailableException)
        {
            return false;
        }
    }

    /// <summary>A write nobody waits for (e.g. when a form was first opened): dropped, not queued, when the queue is full.</summary>
    public bool TryRunInBackground(Action<SqliteConnection> work)
    {
        if (_options.Mode == WriteMode.PerRequest) return false;
        var job = new WriteJob<bool>(c => { work(c); return true; });
        return _queue.TryAdd(job);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == WriteMode.GroupCommit)
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = "sipas-writer" };
            _thread.Start();
        }
        return Task.CompletedTask;
    }

    /// <summary>Stops taking writes and commits everything already queued before the process exits.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        if (_thread is null) return Task.CompletedTask;
        return Task.Run(() => _thread.Join(), cancellationToken);
    }

    private void Loop()
    {
        var batch = new List<WriteJob>(_options.MaxBatch);
        SqliteConnection? connection = null;
        try
        {
            while (_queue.Take(batch, _options.MaxBatch))
            {
                connection ??= Open();
                if (!Commit(connection, batch))
                {
                    // After a storage failure start again with a fresh connection.
                    connection.Dispose();
                    connection = null;
                    _appliedCeiling = double.NaN;
                }
                batch.Clear();
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private SqliteConnection Open()
    {
        var connection = _database.OpenSqlite();
        StatsFunctions.Register(connection);
        return connection;
    }

    /// <summary>One transaction for the whole batch; true when it committed.</summary>
    private bool Commit(SqliteConnection connection, List<WriteJob> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var storage = _storage.CurrentValue;
            if (storage.MaxDatabaseMegabytes != _appliedCeiling)
            {
                storage.ApplyTo(connection);
                _appliedCeiling = storage.MaxDatabaseMegabytes;
            }
            _busyRetry.Execute(() => Execute(connection, "BEGIN IMMEDIATE"));
            foreach (var job in batch)
            {
                Prepared.Command(connection, "SAVEPOINT job").ExecuteNonQuery();
                try
                {
                    job.Execute(connection);
                    Prepared.Command(connection, "RELEASE job").ExecuteNonQuery();
                }
                catch (Exception e) when (!IsStorageFailure(e))
                {
                    Execute(connection, "ROLLBACK TO job");
                    Execute(connection, "RELEASE job");
                    job.Reject(e);
                }
            }
            Execute(connection, "COMMIT");
        }
        catch (Exception e)
        {
            // Storage failures land here, and so does anything unforeseen at BEGIN or COMMIT: either
            // way the batch did not commit. Saying so (503, retry) beats taking the process down.
            TryRollback(connection);
            _storageProblem = e.Message;
            _logger.LogError(e, "Write batch of {Count} not committed: storage unavailable", batch.Count);
            var failure = new ServiceUnavailableException("Storage is unavailable; nothing was saved. Please retry shortly.", TimeSpan.FromSeconds(5), e);
            foreach (var job in batch) job.Reject(failure);
            return false;
        }
        _storageProblem = null;
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, batch.Count);
        foreach (var job in batch) job.Acknowledge();
        if (_logger.IsEnabled(LogLevel.Debug))
            _logger.LogDebug("Committed {Count} writes in {Ms:0.0} ms", batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    private void RunAlone(WriteJob job)
    {
        try
        {
            _busyRetry.Execute(() =>
            {
                using var connection = Open();
                _storage.CurrentValue.ApplyTo(connection);
                Execute(connection, "BEGIN IMMEDIATE");
                try
                {
                    job.Execute(connection);
                    Execute(connection, "COMMIT");
                }
                catch
                {
                    TryRollback(connection);
                    throw;
                }
            });
            _storageProblem = null;
            job.Acknowledge();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            _storageProblem = e.Message;
            job.Reject(new ServiceUnavailableException("Storage is unavailable; nothing was saved. Please retry shortly.", TimeSpan.FromSeconds(5), e));
        }
        catch (Exception e)
        {
            job.Reject(e);
        }
    }

    /// <summary>Disk full, read-only file, I/O error, lock never released: nothing in the batch can be saved.</summary>
    public static bool IsStorageFailure(Exception e) =>
        e is SqliteException { SqliteErrorCode: 5 or 6 or 8 or 10 or 11 or 13 or 14 or 26 } or IOException;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void TryRollback(SqliteConnection connection)
    {
        try { Execute(connection, "ROLLBACK"); }
        catch (SqliteException) { /* no transaction left to roll back */ }
    }

    public void Dispose() => _queue.Complete();
}

internal abstract class WriteJob
{
    public abstract void Execute(SqliteConnection connection);
    public abstract void Acknowledge();
    public abstract void Reject(Exception error);
}

internal sealed class WriteJob<T>(Func<SqliteConnection, T> work) : WriteJob
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteConnection connection)
    {
        _error = null;
        _result = work(connection);
    }

    public override void Acknowledge()
    {
        if (_error is not null) _completion.TrySetException(_error);
        else _completion.TrySetResult(_result!);
    }

    // A job rejected inside a committed batch keeps its own error; a batch that failed to commit rejects all.
    public override void Reject(Exception error)
    {
        _error = error;
        _completion.TrySetException(error);
    }
}
