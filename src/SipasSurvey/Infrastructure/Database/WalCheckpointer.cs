using Microsoft.Data.Sqlite;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Copies SQLite's write-ahead log into the database file on its own thread, a few times a second.
/// Left to SQLite, the commit that crosses 1,000 WAL pages does it, and in a service that commit is
/// always the single writer's: while it copies and syncs the file, no answer is acknowledged. Here
/// the writer only appends to the log (its commits stay as durable: the log is synced), and a
/// PASSIVE checkpoint never blocks it or a reader. While this service runs, the writer's automatic
/// checkpoints are off; verbs without it (migrate, import) keep SQLite's own.
/// </summary>
internal sealed class WalCheckpointer(SqliteDatabase database, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        database.CheckpointsElsewhere = true;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        database.CheckpointsElsewhere = false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await Task.Run(Checkpoint, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Checkpoint()
    {
        SqliteConnection? connection = null;
        try
        {
            connection = database.OpenSqlite();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
            connection.Dispose();
        }
        catch (SqliteException e)
        {
            // A full or read-only disk is the writer's to report (503, /healthz); the log just waits.
            logger.LogDebug(e, "WAL checkpoint skipped");
            if (connection is not null) database.Discard(connection);
        }
    }
}
