using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SipasSurvey.Bench;
using SipasSurvey.Features.Demo;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Tests.Support;

/// <summary>
/// The real service through the real HTTP pipeline, on its own SQLite file in its own temporary
/// data folder, migrated by the real migrator at start-up.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private DemoState? _demo;
    private Dictionary<string, string>? _engineSettings;

    /// <summary>This app's data folder; a second app given the first one's (with <see cref="KeepDataOnDispose"/> on the first) is a restart.</summary>
    public string DataDirectory { get; init; } = TempFolder.Create("app");

    /// <summary>Leave the data folder (and the PostgreSQL database) for an app started after this one.</summary>
    public bool KeepDataOnDispose { get; set; }

    /// <summary>This app's own database on the run's engine (SIPAS_TEST_ENGINE): settings that point at it.</summary>
    public Dictionary<string, string> EngineSettings => _engineSettings ??= OnSqlite ? []
        : SharesDatabaseWith is { } first ? new(first.EngineSettings)
        : PostgreSqlDatabase is { } connectionString ? new() { ["Sipas:Database:Provider"] = "PostgreSql", ["ConnectionStrings:Sipas"] = connectionString }
        : TestEngine.NewDatabaseSettings(Path.GetFullPath(DataDirectory));

    /// <summary>A second app server on the first one's database (PostgreSQL): its own process state and data folder, the same data.</summary>
    public TestApp? SharesDatabaseWith { get; init; }

    /// <summary>On this existing PostgreSQL database (made and dropped by the test), whatever the run's engine.</summary>
    public string? PostgreSqlDatabase { get; init; }

    /// <summary>On a SQLite file whatever the run's engine (the copy-to-postgresql source).</summary>
    public bool OnSqlite { get; init; }

    /// <summary>Extra configuration, set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Configuration changed while the app runs (IOptionsMonitor sees it).</summary>
    public ReloadableSettings LiveSettings { get; } = new();

    /// <summary>Warnings and errors logged by the app under test.</summary>
    public CapturedLogs Logs { get; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "sipas.db");

    /// <summary>Where slip links point (required outside demo mode); the test server's own address by default.</summary>
    public string PublicBaseUrl { get; protected init; } = "http://localhost";

    internal IDatabase Database => Services.GetRequiredService<IDatabase>();

    /// <summary>One value read straight from the database file, as a test's own check.</summary>
    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Database.Open();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    /// <summary>Rows read straight from the database, as a test's own check.</summary>
    public List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Database.Open();
        return connection.Query<T>(sql, parameters).ToList();
    }

    /// <summary>The engine's own integrity check passes (SQLite: the file read back cold; PostgreSQL: the catalog and indexes).</summary>
    public void AssertStoreSound()
    {
        if (!TestEngine.IsPostgreSql)
        {
            StoredFile.AssertSound(DatabasePath);
            return;
        }
        using var connection = Database.Open();
        Assert.Equal(["ok"], Database.IntegrityCheck(connection, null));
    }

    /// <summary>Hà Nội units, both questionnaires and demo counters, loaded by demo mode's own code.</summary>
    internal DemoState Demo => _demo ??= DemoData.Load(Services, generateResponses: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Every test request comes from one address and one browser; abuse limits get their own tests.
        foreach (var limit in new[] { "PosterPerNetwork", "PosterPerDevice", "PosterPerCounter", "SubmitPerDevice", "SubmitPerToken", "CodePerDevice", "CodePerNetwork" })
            builder.UseSetting("Sipas:Limits:" + limit, "1000000");
        builder.UseSetting("Sipas:DataDirectory", DataDirectory);
        builder.UseSetting("Sipas:PublicBaseUrl", PublicBaseUrl);
        foreach (var (key, value) in EngineSettings) builder.UseSetting(key, value);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(configuration => configuration.Add(LiveSettings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddressStartupFilter>());
    }

    public HttpClient NewClient(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || KeepDataOnDispose) return;
        TempFolder.Delete(DataDirectory);
        if (SharesDatabaseWith is null && PostgreSqlDatabase is null && _engineSettings is not null && _engineSettings.TryGetValue("ConnectionStrings:Sipas", out var connectionString)) PostgresCluster.Shared.DropDatabase(connectionString);
    }
}
