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
}
