using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// SQLite in WAL mode on a real file. Every connection runs with foreign keys on,
/// synchronous=FULL (a commit is on disk before it returns) and a busy timeout.
/// </summary>
internal sealed class SqliteDatabase : IDatabase
{
    private const int BusyTimeoutMs = 5000;
    private readonly string _connectionString;
    private readonly IOptionsMonitor<StorageOptions>? _storage;

    // Pooled connections keep their native handle, and these settings live on the handle: apply
    // them once per handle rather than on every open of a hot read path.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];
    private static readonly ConditionalWeakTable<DbConnection, StrongBox<double>> AppliedCeiling = [];
    private static readonly ConditionalWeakTable<DbConnection, StrongBox<bool>> AppliedCheckpointing = [];

    public SqliteDatabase(string path, IOptionsMonitor<StorageOptions>? storage = null) : this(path, storage, readOnly: false)
    {
    }

    private SqliteDatabase(string path, IOptionsMonitor<StorageOptions>? storage, bool readOnly)
    {
        _storage = storage;
        Path = System.IO.Path.GetFullPath(path);
        if (readOnly)
        {
            _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            return;
        }
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

    /// <summary>An existing file looked at without changing it (verify on a copy, tests): no WAL switch, no writes.</summary>
    public static SqliteDatabase ReadOnly(string path) => new(path, null, readOnly: true);

    public string Path { get; }

    public string Engine => "sqlite";

    public bool Shared => false;

    /// <summary>Whether <see cref="WalCheckpointer"/> runs, so writing connections leave checkpoints to it.</summary>
    public bool CheckpointsElsewhere { get; set; }

    public DbConnection Open() => OpenSqlite();

    public DbConnection OpenForCounts() => OpenSqlite();

    public string Describe() => $"sqlite:{Path}";

    public string Name => System.IO.Path.GetFileName(Path);

    public DbConnection OpenWriter()
    {
        var connection = OpenSqlite();
        StatsFunctions.Register(connection);
        RefreshWriter(connection);
        return connection;
    }

    /// <summary>
    /// Applies the configured size ceiling to a writing connection when it changed (no restart needed),
    /// and turns its automatic checkpoints off while <see cref="WalCheckpointer"/> does them.
    /// </summary>
    public void RefreshWriter(DbConnection connection)
    {
        var elsewhere = CheckpointsElsewhere;
        var checkpointing = AppliedCheckpointing.GetValue(connection, _ => new StrongBox<bool>(false));
        if (checkpointing.Value != elsewhere)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_autocheckpoint = {(elsewhere ? 0 : 1000)}";
            command.ExecuteNonQuery();
            checkpointing.Value = elsewhere;
        }
        var ceiling = _storage?.CurrentValue.MaxDatabaseMegabytes ?? 0;
        var applied = AppliedCeiling.GetValue(connection, _ => new StrongBox<double>(double.NaN));
        if (applied.Value == ceiling) return;
        StorageOptions.ApplyCeiling((SqliteConnection)connection, ceiling);
        applied.Value = ceiling;
    }

    public void BeginWrite(DbConnection connection)
    {
        RefreshWriter(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
    }

    public DbTransaction BeginMigrations(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public bool TableExists(DbConnection connection, string table) =>
        connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }) > 0;

    public DbTransaction BeginSnapshot(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: true);

    public IReadOnlyList<string> IntegrityCheck(DbConnection connection, DbTransaction? transaction) =>
        connection.Query<string>("PRAGMA integrity_check", transaction: transaction).ToList();

    /// <summary>VACUUM INTO reads one snapshot (WAL lets writers go on meanwhile) and writes a compact copy.</summary>
    public void WriteBackup(string target)
    {
        using var connection = OpenSqlite();
        using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO @file";
        vacuum.Parameters.AddWithValue("@file", target);
        vacuum.ExecuteNonQuery();
    }

    public (string Integrity, long Responses) CheckBackup(string path) => CheckBackupFile(path);

    /// <summary>Opens a SQLite backup read-only; also usable with no database configured (the restore verb).</summary>
    public static (string Integrity, long Responses) CheckBackupFile(string path)
    {
        try
        {
            using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            copy.Open();
            var integrity = string.Join("; ", copy.Query<string>("PRAGMA integrity_check").Take(5));
            var hasSchema = copy.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'responses')") == 2;
            return hasSchema ? (integrity, copy.ExecuteScalar<long>("SELECT count(*) FROM responses")) : ("not a SipasSurvey database", 0);
        }
        catch (SqliteException e)
        {
            return ("unreadable: " + e.Message, 0);
        }
    }

    public void Discard(DbConnection connection)
    {
        // Microsoft.Data.Sqlite pools per connection string; clearing it closes this handle (and the idle
        // ones, which may have seen the same failure) when they come back, rather than reusing them.
        SqliteConnection.ClearPool((SqliteConnection)connection);
        connection.Dispose();
    }

    private long _connectionGeneration;

    public long ConnectionGeneration => Interlocked.Read(ref _connectionGeneration);

    public void ConnectionsLost()
    {
        Interlocked.Increment(ref _connectionGeneration);
        SqliteConnection.ClearAllPools();
    }

    public DatabaseFailure Classify(Exception exception) => exception switch
    {
        SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } => DatabaseFailure.UniqueViolation,
        SqliteException { SqliteErrorCode: 5 or 6 } => DatabaseFailure.Busy,
        SqliteException { SqliteErrorCode: 13 } => DatabaseFailure.Full,
        SqliteException { SqliteErrorCode: 8 } => DatabaseFailure.ReadOnly,
        SqliteException { SqliteErrorCode: 10 or 11 or 14 or 26 } => DatabaseFailure.Unavailable,
        IOException => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.None,
    };

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
