using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using SipasSurvey.Bench;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Tests.Support;

/// <summary>
/// Which engine this test run is on: SIPAS_TEST_ENGINE=postgresql runs the suite on PostgreSQL (README's
/// test command runs it once on each engine). Tests that exercise one engine's own files or tools carry
/// [Trait("Engine", "sqlite")] and run in the SQLite pass only.
/// </summary>
public static class TestEngine
{
    public static bool IsPostgreSql { get; } =
        string.Equals(Environment.GetEnvironmentVariable("SIPAS_TEST_ENGINE"), "postgresql", StringComparison.OrdinalIgnoreCase);

    public static string Name => IsPostgreSql ? "postgresql" : "sqlite";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> DatabaseByDataDirectory = new();

    /// <summary>
    /// Configuration that points a test app at a fresh, migrated database of this run's engine (nothing for
    /// SQLite: the data folder holds it). Processes started later on the same data folder get the same database.
    /// </summary>
    public static Dictionary<string, string> NewDatabaseSettings(string dataDirectory)
    {
        if (!IsPostgreSql) return [];
        var connectionString = DatabaseByDataDirectory.GetOrAdd(dataDirectory, _ => PostgresCluster.Shared.CreateDatabase());
        return new() { ["Sipas:Database:Provider"] = "PostgreSql", ["ConnectionStrings:Sipas"] = connectionString };
    }

    /// <summary>A database of this run's engine for code that runs without the web host (empty on PostgreSQL, a new file on SQLite).</summary>
    internal static IDatabase OpenDatabase(string dataDirectory) => IsPostgreSql
        ? new PostgresDatabase(ProcessEnvironment(dataDirectory)["ConnectionStrings__Sipas"])
        : new SqliteDatabase(Path.Combine(dataDirectory, "sipas.db"));

    /// <summary>
    /// Environment for a service process on this data folder: on PostgreSQL, the database of the test app that
    /// owns the folder, or a new empty one (the process migrates it, as on a first start).
    /// </summary>
    public static Dictionary<string, string> ProcessEnvironment(string? dataDirectory)
    {
        if (!IsPostgreSql || dataDirectory is null) return [];
        var connectionString = DatabaseByDataDirectory.GetOrAdd(Path.GetFullPath(dataDirectory), _ => PostgresCluster.Shared.CreateEmptyDatabase());
        return new() { ["Sipas__Database__Provider"] = "PostgreSql", ["ConnectionStrings__Sipas"] = connectionString };
    }
}
