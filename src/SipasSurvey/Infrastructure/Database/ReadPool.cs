using System.Collections.Concurrent;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Long-lived read connections for the hottest lookups (a slip by its token, an API key, report
/// aggregates). Each keeps its prepared statements (see <see cref="Prepared"/>), so a page load skips
/// opening a connection and parsing SQL. Statements run in autocommit: no read transaction is held
/// between lookups, so writers and checkpoints are never blocked.
/// </summary>
internal sealed class ReadPool(IDatabase database) : IDisposable
{
    private const int Keep = 32;
    private readonly ConcurrentBag<(DbConnection Connection, long Generation)> _idle = [];

    public T Run<T>(Func<DbConnection, T> read)
    {
        var (connection, generation) = Take();
        T result;
        try
        {
            result = read(connection);
        }
        catch (Exception e)
        {
            Failed(connection, e);
            throw;
        }
        Return(connection, generation);
        return result;
    }

    /// <summary>
    /// The same, for reads sent as one command of several statements (a report's): Npgsql runs a synchronous
    /// batch's later statements through the thread pool, so a thread blocked on one starved the pool under load;
    /// awaited, nothing blocks.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> read)
    {
        var (connection, generation) = Take();
        T result;
        try
        {
            result = await read(connection);
        }
        catch (Exception e)
        {
            Failed(connection, e);
            throw;
        }
        Return(connection, generation);
        return result;
    }

    private (DbConnection Connection, long Generation) Take()
    {
        // A connection kept from before the database was last found unreachable is closed, not tried.
        var generation = database.ConnectionGeneration;
        DbConnection? connection = null;
        while (connection is null && _idle.TryTake(out var kept))
            if (kept.Generation == generation) connection = kept.Connection;
            else kept.Connection.Dispose();
        return (connection ?? database.Open(), generation);
    }

    private void Failed(DbConnection connection, Exception e)
    {
        var failure = database.Classify(e);
        if (failure.IsStorage()) database.Discard(connection);
        else connection.Dispose();
        // The kept ones met the same broken server or network (a restarted database, a pulled cable):
        // closed, not handed one by one to the requests that follow the recovery.
        if (failure == DatabaseFailure.Unavailable) database.ConnectionsLost();
    }

    private void Return(DbConnection connection, long generation)
    {
        if (_idle.Count < Keep) _idle.Add((connection, generation));
        else connection.Dispose();
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var kept)) kept.Connection.Dispose();
    }
}
