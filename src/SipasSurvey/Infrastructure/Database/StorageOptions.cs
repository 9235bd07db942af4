using Microsoft.Data.Sqlite;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>The "Sipas:Storage" configuration section (re-read when appsettings.json changes).</summary>
internal sealed class StorageOptions
{
    /// <summary>
    /// A ceiling for the database file on a small disk, in megabytes (0: none). Reaching it is handled
    /// like a full disk (503, failing /healthz, nothing half-written) while the disk itself keeps room
    /// for the operating system, logs and backups. Raising it takes effect without a restart.
    /// </summary>
    public double MaxDatabaseMegabytes { get; set; }

    /// <summary>Applies a ceiling to a writing SQLite connection (SQLite refuses to grow the file past it: SQLITE_FULL).</summary>
    internal static void ApplyCeiling(SqliteConnection connection, double megabytes)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        var pageSize = (long)command.ExecuteScalar()!;
        var pages = megabytes > 0 ? (long)Math.Floor(megabytes * 1024 * 1024 / pageSize) : 4_294_967_294L;
        command.CommandText = $"PRAGMA max_page_count = {Math.Max(1, pages)}";
        command.ExecuteNonQuery();
    }
}
