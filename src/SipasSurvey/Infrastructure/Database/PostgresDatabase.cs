using System.Data;
using System.Net.Sockets;
using Npgsql;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// PostgreSQL through Npgsql and its own connection pool, for several app servers on one shared (and
/// replicated) database. Every session commits durably (synchronous_commit=on, whatever the server's
/// default), and the migrations of app servers starting together are serialised by an advisory lock.
/// </summary>
internal sealed class PostgresDatabase : IDatabase, IDisposable
{
    /// <summary>The advisory lock key migrations hold ("SIPAS" in ASCII): one app server migrates, the others wait.</summary>
    private const long MigrationLock = 0x5349504153;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _countsSource;
    private readonly NpgsqlDataSource _listenerSource;
    private readonly string _description;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "SipasSurvey";
        builder.Options = ((builder.Options ?? "") + " -c synchronous_commit=on").Trim();
        // The same few statements run thousands of times a second: prepared once per connection, they skip
        // PostgreSQL's parse and plan on every later run (Npgsql's automatic preparation, off by default).
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 256;
        // A pooled connection is otherwise reset when it is handed out again, and with prepared statements kept
        // that reset is what DISCARD ALL does but DEALLOCATE (RESET ALL, CLOSE ALL, UNLISTEN *, …), run before the caller's own, on
        // every submission's rate-limit count. Nothing here leaves session state behind: settings come from the
        // start-up options, locks and SET commands are transaction-scoped (pg_advisory_xact_lock, SET TRANSACTION).
        builder.NoResetOnClose = true;
        _description = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        Name = builder.Database ?? "";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        builder.Options = builder.Options.Replace("synchronous_commit=on", "synchronous_commit=off", StringComparison.Ordinal);
        builder.MaxPoolSize = Math.Max(4, builder.MaxPoolSize / 4);
        _countsSource = NpgsqlDataSource.Create(builder.ConnectionString);
        // One long-lived connection per app server that only listens; keepalives make a dead server show as an error.
        builder.Pooling = false;
        builder.KeepAlive = 5;
        builder.ApplicationName += " listener";
        _listenerSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public string Engine => "postgresql";

    public bool Shared => true;

    public string Name { get; }

    public DbConnection Open() => _dataSource.OpenConnection();

    public DbConnection OpenForCounts() => _countsSource.OpenConnection();

    /// <summary>A connection of its own, outside the pools, for LISTEN (<see cref="ReferenceChangeListener"/>).</summary>
    public ValueTask<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken) => _listenerSource.OpenConnectionAsync(cancellationToken);

    public string Describe() => _description;

    public DbConnection OpenWriter() => _dataSource.OpenConnection();

    public void BeginWrite(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN";
        command.ExecuteNonQuery();
    }

    public DbTransaction BeginMigrations(DbConnection connection)
    {
        var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        connection.Execute("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLock }, transaction);
        return transaction;
    }

    public bool TableExists(DbConnection connection, string table) =>
        connection.ExecuteScalar<bool>("SELECT to_regclass(@table) IS NOT NULL", new { table });

    public DbTransaction BeginSnapshot(DbConnection connection)
    {
        var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        connection.Execute("SET TRANSACTION READ ONLY", transaction: transaction);
        return transaction;
    }

    /// <summary>
    /// PostgreSQL checks every page as it reads it (and its checksums, when the cluster has them); what is
    /// left to check here is that the catalog is readable and no index the service relies on is invalid.
    /// </summary>
    public IReadOnlyList<string> IntegrityCheck(DbConnection connection, DbTransaction? transaction)
    {
        var invalid = connection.Query<string>(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT i.indisvalid ORDER BY 1",
            transaction: transaction).ToList();
        return invalid.Count == 0 ? ["ok"] : invalid.Select(name => $"index {name} is invalid (REINDEX it)").ToList();
    }

    public void WriteBackup(string target) => throw new NotSupportedException(BackupTools);

    public (string Integrity, long Responses) CheckBackup(string path) => throw new NotSupportedException(BackupTools);

    /// <summary>What backup and restore say on PostgreSQL: the engine's own tools do it, consistently and online.</summary>
    public const string BackupTools =
        "On PostgreSQL, back up with PostgreSQL's own tools: pg_dump --format=custom --file=sipas.dump \"$DATABASE\" (a consistent snapshot while the service runs) " +
        "and restore into an empty database with pg_restore --exit-on-error --dbname=\"$EMPTY_DATABASE\" sipas.dump, then run `verify` there (Debian package postgresql-client; see README, \"Run on PostgreSQL\").";

    public void Discard(DbConnection connection)
    {
        // A connection that met a failure must not go back to the pool; its pool's idle ones are closed as
        // they come back. (A lost server is ConnectionsLost's: callers that classify Unavailable call it.)
        NpgsqlConnection.ClearPool((NpgsqlConnection)connection);
        connection.Dispose();
    }

    private long _connectionGeneration;

    public long ConnectionGeneration => Interlocked.Read(ref _connectionGeneration);

    public void ConnectionsLost()
    {
        Interlocked.Increment(ref _connectionGeneration);
        _dataSource.Clear();
        _countsSource.Clear();
    }

    public DatabaseFailure Classify(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => DatabaseFailure.UniqueViolation,
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable } => DatabaseFailure.Busy,
        PostgresException { SqlState: PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.InsufficientResources } => DatabaseFailure.Full,
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => DatabaseFailure.ReadOnly,
        // The server is shutting down, restarting, not accepting connections, or out of connections.
        PostgresException { SqlState: var state } when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal)
            || state == PostgresErrorCodes.TooManyConnections || state == PostgresErrorCodes.CannotConnectNow => DatabaseFailure.Unavailable,
        PostgresException => DatabaseFailure.None,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => DatabaseFailure.Unavailable,
        NpgsqlException { IsTransient: true } => DatabaseFailure.Unavailable,
        NpgsqlException => DatabaseFailure.Unavailable,
        InvalidOperationException { Source: "Npgsql" } => DatabaseFailure.Unavailable,
        SocketException or IOException or TimeoutException => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.None,
    };

    public void Dispose()
    {
        _dataSource.Dispose();
        _countsSource.Dispose();
        _listenerSource.Dispose();
    }
}
