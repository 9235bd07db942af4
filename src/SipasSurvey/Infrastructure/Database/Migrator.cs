using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>A migration file was edited or removed after it was applied, or files are out of order.</summary>
internal sealed class MigrationException(string message) : Exception(message);

internal sealed record MigrationFile(string Name, string Sql, string Checksum);

internal sealed record MigrationReport(IReadOnlyList<string> Applied, int AlreadyApplied);

/// <summary>
/// Applies migrations/NNNN_name.sql in name order, each recorded with its SHA-256. The whole run
/// happens in one transaction holding the engine's migration lock, so a second process starting at
/// the same moment waits for the first and then finds nothing left to do.
/// </summary>
internal sealed partial class Migrator(IDatabase database, string directory)
{
    [GeneratedRegex(@"^\d{4}_[a-z0-9_]+\.sql$")]
    private static partial Regex FileNamePattern();

    public IReadOnlyList<MigrationFile> ReadFiles()
    {
        if (!Directory.Exists(directory))
            throw new MigrationException($"Migrations folder not found: {directory}");
        var files = new List<MigrationFile>();
        foreach (var path in Directory.GetFiles(directory, "*.sql").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!FileNamePattern().IsMatch(name))
                throw new MigrationException($"Migration file {name} does not follow the NNNN_name.sql pattern.");
            // Line endings are normalised so a Windows checkout does not look like an edit.
            var sql = File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);
            files.Add(new MigrationFile(name, sql, Checksum(sql)));
        }
        return files;
    }

    public MigrationReport Apply()
    {
        var files = ReadFiles();
        using var connection = database.Open();
        using var transaction = database.BeginMigrations(connection);
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            transaction: transaction);
        var applied = connection.Query<(string Name, string Checksum)>(
            "SELECT name, checksum FROM schema_migrations ORDER BY name", transaction: transaction).ToList();

        var pending = Compare(files, applied);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var file in pending)
        {
            try
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = file.Sql;
                command.ExecuteNonQuery();
            }
            catch (DbException e)
            {
                throw new MigrationException($"Migration {file.Name} failed: {e.Message}");
            }
            connection.Execute(
                "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (@Name, @Checksum, @Now)",
                new { file.Name, file.Checksum, Now = now }, transaction);
        }
        transaction.Commit();
        // A SQLite migration may edit the stored schema text (0017 widens a CHECK that way): other
        // connections re-read it when the schema cookie moves, but the one that ran it keeps the schema it
        // parsed before, so it must not go back to the pool.
        if (pending.Count > 0) database.Discard(connection);
        return new MigrationReport(pending.Select(f => f.Name).ToList(), applied.Count);
    }

    /// <summary>Pending migrations, or null with no exception when everything is applied and intact.</summary>
    public IReadOnlyList<string> Pending()
    {
        var files = ReadFiles();
        using var connection = database.Open();
        var applied = database.TableExists(connection, "schema_migrations")
            ? connection.Query<(string Name, string Checksum)>("SELECT name, checksum FROM schema_migrations ORDER BY name").ToList()
            : [];
        return Compare(files, applied).Select(f => f.Name).ToList();
    }

    private static List<MigrationFile> Compare(IReadOnlyList<MigrationFile> files, IReadOnlyList<(string Name, string Checksum)> applied)
    {
        var byName = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var (name, checksum) in applied)
        {
            if (!byName.TryGetValue(name, out var file))
                throw new MigrationException($"Migration {name} was applied to this database but its file is missing from the migrations folder.");
            if (!string.Equals(file.Checksum, checksum, StringComparison.Ordinal))
                throw new MigrationException($"Migration {name} was edited after it was applied (checksum {checksum[..12]}… in the database, {file.Checksum[..12]}… on disk). Restore the file and add a new migration instead.");
        }
        var appliedNames = applied.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var pending = files.Where(f => !appliedNames.Contains(f.Name)).ToList();
        var lastApplied = applied.Count == 0 ? null : applied[^1].Name;
        var early = pending.FirstOrDefault(f => lastApplied is not null && string.CompareOrdinal(f.Name, lastApplied) < 0);
        if (early is not null)
            throw new MigrationException($"Migration {early.Name} sorts before {lastApplied}, which is already applied; give it the next free number.");
        return pending;
    }

    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
}
