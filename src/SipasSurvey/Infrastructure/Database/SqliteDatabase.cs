using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// SQLite in WAL mode on a real file. Every connection runs with foreign keys on,
/// synchronous=FULL (a commit is on disk before it returns) and a busy timeout.
/// </summary>
public sealed class SqliteDatabase : IDatabase
{
    private const int BusyTimeoutMs = 5000;
    private readonly string _connectionString;

    // Pooled connections keep their native handle, and these settings live on the handle: apply
    // them once per handle rather than on every open of a hot read path.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) OwnerOnlyFiles.CreateFolder(directory);
        // Answers, comments and dossier codes: created 0600 before SQLite opens it, so the -wal and -shm
        // files it creates beside it get the same; an older installation's files are tightened.
        OwnerOnlyFiles.Prepare(Path, withSqliteCompanions: true);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
        InitialiseFile();
    }

    public string Path { get; }

    public DbConnection Open() => OpenSqlite();

    public SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (Configured.TryGetValue(connection.Handle!, out _)) return connection;
        using var pragma = connection.CreateCommand();
        // Per-connection settings, not persisted in the file: foreign keys on, every commit on disk
        // before it returns, and waiting out another writer's lock.
        pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMs};";
        pragma.ExecuteNonQuery();
        Configured.AddOrUpdate(connection.Handle!, new object());
        return connection;
    }

    public string Describe() => $"sqlite:{Path}";

    // WAL is a property of the file: set once, outside any transaction.
    private void InitialiseFile()
    {
        using var connection = OpenSqlite();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Could not switch {Path} to WAL mode (got '{mode}').");
    }
}
