namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// The seam between features and the storage engine. Features open connections and run their SQL
/// (in their own Data.cs) through Dapper or <see cref="Prepared"/>, seeing only ADO.NET's DbConnection;
/// what differs between engines sits behind this interface. SQLite is the embedded default.
/// </summary>
internal interface IDatabase
{
    /// <summary>"sqlite" or "postgresql".</summary>
    string Engine { get; }

    /// <summary>
    /// Several app servers may use this database at once (PostgreSQL): what one process would keep in its
    /// memory or data folder (keys, report versions, rate limits, job leases) lives in the database instead.
    /// </summary>
    bool Shared { get; }

    /// <summary>A new pooled connection for one unit of work; dispose it when done.</summary>
    DbConnection Open();

    /// <summary>
    /// A connection whose commits do not wait for the disk, for counts that may be lost in a crash
    /// (rate-limit windows); never for anything acknowledged to a caller. SQLite: the same as <see cref="Open"/>.
    /// </summary>
    DbConnection OpenForCounts();

    /// <summary>Where the data lives, for logs (never credentials).</summary>
    string Describe();

    /// <summary>The database's name for anonymous health output: the file's name, or PostgreSQL's database name.</summary>
    string Name { get; }

    /// <summary>A connection for the writer: the engine's extras (aggregate functions, size ceiling) in place.</summary>
    DbConnection OpenWriter();

    /// <summary>Starts a write transaction that takes the write lock at once (SQLite BEGIN IMMEDIATE).</summary>
    void BeginWrite(DbConnection connection);

    /// <summary>
    /// The transaction migrations run in, holding the lock that makes a second process starting at the
    /// same moment wait and then find nothing left to do.
    /// </summary>
    DbTransaction BeginMigrations(DbConnection connection);

    /// <summary>Whether a table exists (before the first migration, schema_migrations does not).</summary>
    bool TableExists(DbConnection connection, string table);

    /// <summary>A read-only transaction that sees one consistent snapshot (for verify and backups).</summary>
    DbTransaction BeginSnapshot(DbConnection connection);

    /// <summary>The engine's own check of its files or catalog: "ok" when sound.</summary>
    IReadOnlyList<string> IntegrityCheck(DbConnection connection, DbTransaction? transaction);

    /// <summary>Writes a consistent copy of the live database to a new file, while writers go on.</summary>
    void WriteBackup(string target);

    /// <summary>Opens a backup read-only: the engine's integrity verdict ("ok") and how many responses it holds.</summary>
    (string Integrity, long Responses) CheckBackup(string path);

    /// <summary>
    /// Closes a connection that met a storage failure for good instead of pooling it: a handle that saw
    /// its files turn read-only or vanish can keep that state after the storage recovers.
    /// </summary>
    void Discard(DbConnection connection);

    /// <summary>
    /// After a failure that may have broken every pooled connection (the database restarted, the network
    /// was cut): the idle ones are closed, so the requests after the recovery open fresh ones instead
    /// of each meeting a dead one.
    /// </summary>
    void ConnectionsLost();

    /// <summary>How many times <see cref="ConnectionsLost"/> ran: a connection kept since an earlier count is not reused.</summary>
    long ConnectionGeneration { get; }

    /// <summary>What kind of failure an exception from this engine is.</summary>
    DatabaseFailure Classify(Exception exception);
}

/// <summary>The seam's own error categories, so features never name an engine's exception types.</summary>
internal enum DatabaseFailure
{
    /// <summary>Not a database failure, or one the caller's data caused that it must handle itself.</summary>
    None,

    /// <summary>A unique or primary-key constraint refused the row.</summary>
    UniqueViolation,

    /// <summary>Another writer holds the lock, or a deadlock/serialisation failure: retry the whole transaction.</summary>
    Busy,

    /// <summary>The disk or the configured ceiling is full.</summary>
    Full,

    /// <summary>The database or its files are read-only.</summary>
    ReadOnly,

    /// <summary>I/O error, corrupt file, server down: nothing can be written now.</summary>
    Unavailable,
}

internal static class DatabaseFailures
{
    /// <summary>Disk full, read-only, I/O, lock never released, server gone: nothing in a batch can be saved.</summary>
    public static bool IsStorage(this DatabaseFailure failure) =>
        failure is DatabaseFailure.Busy or DatabaseFailure.Full or DatabaseFailure.ReadOnly or DatabaseFailure.Unavailable;
}
