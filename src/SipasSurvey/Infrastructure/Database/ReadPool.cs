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
    private readonly ConcurrentBag<DbConnection> _idle = [];

    public T Run<T>(Func<DbConnection, T> read)
    {
        if (!_idle.TryTake(out var connection)) connection = database.Open();
        T result;
        try
        {
            result = read(connection);
        }
        catch (Exception e)
        {
            if (database.Classify(e).IsStorage()) database.Discard(connection);
            else connection.Dispose();
            throw;
        }
        if (_idle.Count < Keep) _idle.Add(connection);
        else connection.Dispose();
        return result;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection)) connection.Dispose();
    }
}
