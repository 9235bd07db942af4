namespace SipasSurvey.Infrastructure;

/// <summary>The "Sipas" configuration section (appsettings.json, or SIPAS__* environment variables).</summary>
public sealed class SipasOptions
{
    public const string Section = "Sipas";

    /// <summary>Folder for the database, keys and demo credentials; relative paths are resolved next to the app.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite file; empty means sipas.db inside <see cref="DataDirectory"/>.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Folder holding the ordered .sql migrations; empty means "migrations" next to the app.</summary>
    public string MigrationsDirectory { get; set; } = "";

    /// <summary>Public address printed in QR codes, e.g. https://khaosat.hanoi.gov.vn; empty means the request's own host.</summary>
    public string PublicBaseUrl { get; set; } = "";

    public LockoutOptions Lockout { get; set; } = new();

    public SlipOptions Slips { get; set; } = new();

    public SessionOptions Sessions { get; set; } = new();

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory, AppContext.BaseDirectory);

    public string ResolvedDatabasePath => string.IsNullOrWhiteSpace(DatabasePath)
        ? Path.Combine(ResolvedDataDirectory, "sipas.db")
        : Path.GetFullPath(DatabasePath, AppContext.BaseDirectory);

    public string ResolvedMigrationsDirectory => string.IsNullOrWhiteSpace(MigrationsDirectory)
        ? Path.Combine(AppContext.BaseDirectory, "migrations")
        : Path.GetFullPath(MigrationsDirectory, AppContext.BaseDirectory);
}

public sealed class LockoutOptions
{
    /// <summary>Consecutive wrong passwords before an account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long the lock lasts.</summary>
    public int Minutes { get; set; } = 15;
}

public sealed class SessionOptions
{
    /// <summary>A sign-in lasts at most this long, however active: the cookie's sliding renewal (10 idle hours) never extends it past.</summary>
    public int AbsoluteHours { get; set; } = 24;
}

public sealed class SlipOptions
{
    /// <summary>How long a printed slip can be answered.</summary>
    public int LifetimeDays { get; set; } = 14;

    /// <summary>Most slips in one request (a printed sheet).</summary>
    public int MaxBatch { get; set; } = 500;
}
