using Npgsql;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// On PostgreSQL, listens on <see cref="Channel"/> for the notifications migration 0018's triggers send when
/// API keys, provinces, communes or counters change, and makes <see cref="ReferenceCache"/> forget. The cache
/// keeps rows only while this connection is listening; when it breaks (the database restarted, the network
/// dropped: keepalives every 5 s show it) the cache stops keeping, and this reconnects every second.
/// </summary>
internal sealed class ReferenceChangeListener(PostgresDatabase database, ReferenceCache cache, ILogger<ReferenceChangeListener> logger) : BackgroundService
{
    public const string Channel = "sipas_reference";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenListenerAsync(stoppingToken);
                connection.Notification += (_, _) => cache.Changed();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // Listening from here on: whatever changes after this is heard, whatever changed before is read afresh.
                cache.StartKeeping();
                if (failures > 0) logger.LogInformation("Listening for reference changes again after {Failures} failed attempt(s); reference rows are kept in memory again.", failures);
                failures = 0;
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (failures++ == 0)
                    logger.LogWarning(e, "Not listening for reference changes (API keys, units, counters); reading them from the database on every request until the connection is back.");
            }
            finally
            {
                cache.StopKeeping();
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
