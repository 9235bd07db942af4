namespace SipasSurvey.Infrastructure;

/// <summary>The "Sipas" configuration section (appsettings.json, or SIPAS__* environment variables).</summary>
internal sealed class SipasOptions
{
    public const string Section = "Sipas";

    /// <summary>Folder for the database, keys and demo credentials; relative paths are resolved next to the app.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite file; empty means sipas.db inside <see cref="DataDirectory"/>.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Folder holding the ordered .sql migrations; empty means "migrations" next to the app.</summary>
    public string MigrationsDirectory { get; set; } = "";

    /// <summary>
    /// Public address printed in QR codes and slip links, e.g. https://khaosat.hanoi.gov.vn. Required
    /// outside demo mode: otherwise whoever sends a request would choose, with its Host header, where
    /// the printed slips point. Only a demo on a laptop uses the request's own host.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Why the service must not start with this PublicBaseUrl, or null.</summary>
    public string? PublicBaseUrlProblem(bool demo)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl))
            return demo ? null
                : "Sipas:PublicBaseUrl is not set. Set it to the address citizens reach the service at (for example Sipas__PublicBaseUrl=https://khaosat.hanoi.gov.vn): " +
                  "slip links and QR codes are built from it, never from a request's Host header. Only demo mode (--demo) runs without it.";
        return Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? null
            : $"Sipas:PublicBaseUrl '{PublicBaseUrl}' is not an absolute http(s) address without query, for example https://khaosat.hanoi.gov.vn.";
    }

    public DatabaseOptions Database { get; set; } = new();

    public LockoutOptions Lockout { get; set; } = new();

    public SlipOptions Slips { get; set; } = new();

    public SessionOptions Sessions { get; set; } = new();

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory, AppContext.BaseDirectory);

    public string ResolvedDatabasePath => string.IsNullOrWhiteSpace(DatabasePath)
        ? Path.Combine(ResolvedDataDirectory, "sipas.db")
        : Path.GetFullPath(DatabasePath, AppContext.BaseDirectory);

    /// <summary>
    /// The migrations of the configured engine: migrations/sqlite or migrations/postgresql next to the
    /// app. A configured folder is used as it is unless it holds a folder named after the engine.
    /// </summary>
    public string ResolvedMigrationsDirectory => MigrationsDirectoryFor(Database.Engine);

    /// <summary>The migrations of an engine ("sqlite" or "postgresql").</summary>
    public string MigrationsDirectoryFor(string engine)
    {
        var root = string.IsNullOrWhiteSpace(MigrationsDirectory)
            ? Path.Combine(AppContext.BaseDirectory, "migrations")
            : Path.GetFullPath(MigrationsDirectory, AppContext.BaseDirectory);
        var folder = Path.Combine(root, engine);
        return Directory.Exists(folder) ? folder : root;
    }
}

/// <summary>The "Sipas:Database" section; PostgreSQL's connection string is ConnectionStrings:Sipas, never in a file of the repository.</summary>
internal sealed class DatabaseOptions
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>"Sqlite" (the embedded default: one file in the data folder) or "PostgreSql".</summary>
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// On PostgreSQL, the thread pool's minimum worker threads: enough that a burst of requests waiting on
    /// round trips does not wait for the pool to add threads, few enough to keep the run queue short
    /// (measured on 2 cores at 64 clients: 16 best; 32 and 64 raised p99 by a third).
    /// </summary>
    public int MinWorkerThreads { get; set; } = 16;

    /// <summary>"sqlite" or "postgresql": the migrations folder's name and what /healthz reports.</summary>
    public string Engine => IsPostgreSql ? "postgresql" : "sqlite";

    /// <summary>Why this provider setting cannot work, or null.</summary>
    public string? Problem(string? connectionString) =>
        !IsPostgreSql && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase)
            ? $"Sipas:Database:Provider '{Provider}' is neither {Sqlite} nor {PostgreSql}."
            : IsPostgreSql && string.IsNullOrWhiteSpace(connectionString)
                ? "Sipas:Database:Provider is PostgreSql but ConnectionStrings:Sipas is empty; set it in the environment (ConnectionStrings__Sipas=\"Host=…;Database=…;Username=…;Password=…\")."
                : IsPostgreSql ? MalformedConnectionString(connectionString!) : null;

    /// <summary>Why a PostgreSQL connection string cannot be read (without repeating it: it may hold a password), or null.</summary>
    public static string? MalformedConnectionString(string connectionString)
    {
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"The PostgreSQL connection string cannot be read ({e.Message}); write it as \"Host=…;Database=…;Username=…;Password=…\".";
        }
    }
}

/// <summary>
/// The "Sipas:Lockout" section. Failed sign-ins are counted per device, per network and per account on
/// each network, within a window of <see cref="Minutes"/>; reaching a limit makes that source wait.
/// </summary>
internal sealed class LockoutOptions
{
    /// <summary>Wrong passwords for one account from one network before that account locks for that network only.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a lock lasts, and the window failures are counted in.</summary>
    public int Minutes { get; set; } = 15;

    /// <summary>Failures from one device (address + browser), whatever the accounts, before it must wait.</summary>
    public int DeviceMaxFailures { get; set; } = 10;

    /// <summary>Failures from one network (/24 or /48) before every sign-in from it must wait.</summary>
    public int NetworkMaxFailures { get; set; } = 50;

    /// <summary>Failures for one account across all networks before it locks everywhere (NIST SP 800-63B caps this at 100).</summary>
    public int AccountMaxFailures { get; set; } = 100;
}

internal sealed class SessionOptions
{
    /// <summary>A sign-in lasts at most this long, however active: the cookie's sliding renewal (10 idle hours) never extends it past.</summary>
    public int AbsoluteHours { get; set; } = 24;
}

internal sealed class SlipOptions
{
    /// <summary>How long a printed slip can be answered.</summary>
    public int LifetimeDays { get; set; } = 14;

    /// <summary>Most slips in one request (a printed sheet).</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>How long a counter's screen shows a slip nobody has answered before it returns to idle.</summary>
    public int ScreenMinutes { get; set; } = 5;
}
