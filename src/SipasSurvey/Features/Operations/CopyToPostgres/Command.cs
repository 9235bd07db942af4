using System.Diagnostics;
using Microsoft.Extensions.Options;
using SipasSurvey.Features.Operations.Verify;

namespace SipasSurvey.Features.Operations.CopyToPostgres;

/// <summary>
/// The "copy-to-postgresql" verb: moves a SQLite installation onto PostgreSQL. Copies the whole SQLite
/// database of this data folder (and its keys, so printed slips and sessions keep working) into an empty
/// PostgreSQL database, which it migrates first, then runs verify there. A non-empty target is refused.
/// </summary>
internal static class Command
{
    public static int Run(IServiceProvider services, string? target, TextWriter output, TextWriter error)
    {
        if (services.GetRequiredService<IDatabase>() is not SqliteDatabase source)
        {
            error.WriteLine("copy-to-postgresql copies this data folder's SQLite database: run it with Sipas:Database:Provider=Sqlite (the default) and the PostgreSQL database in --to or ConnectionStrings__Sipas.");
            return 2;
        }
        if (string.IsNullOrWhiteSpace(target))
        {
            error.WriteLine("Name the PostgreSQL database: ConnectionStrings__Sipas=\"Host=…;Database=…;Username=…;Password=…\" in the environment (or --to).");
            return 2;
        }
        if (DatabaseOptions.MalformedConnectionString(target) is { } malformed)
        {
            error.WriteLine(malformed);
            return 2;
        }
        var watch = Stopwatch.StartNew();
        using var postgres = new PostgresDatabase(target);
        try
        {
            if (SqliteToPostgres.NotEmpty(postgres) is { } why)
            {
                error.WriteLine($"{postgres.Describe()} is not empty ({why}): copy-to-postgresql only fills an empty database. Nothing was changed.");
                return 2;
            }
            var options = services.GetRequiredService<IOptions<SipasOptions>>().Value;
            var migrated = new Migrator(postgres, options.MigrationsDirectoryFor(postgres.Engine)).Apply();
            output.WriteLine($"{postgres.Describe()}: {migrated.Applied.Count} migration(s) applied");
            output.WriteLine($"copying {source.Describe()} → {postgres.Describe()}");
            var keys = services.GetRequiredService<ServerKeys>();
            var rows = SqliteToPostgres.Copy(source, postgres, keys.TokenKey, keys.NetworkKey, Path.Combine(options.ResolvedDataDirectory, "keys"), output.WriteLine);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"copied {rows:N0} rows and the server keys in {watch.Elapsed.TotalSeconds:0.0} s; verifying the copy…"));
        }
        catch (Exception e) when (postgres.Classify(e) != DatabaseFailure.None || e is DbException or InvalidOperationException or MigrationException)
        {
            error.WriteLine($"copy to {postgres.Describe()} failed: {e.Message}. The PostgreSQL transaction was rolled back.");
            return 1;
        }
        var report = StoreCheck.Run(postgres);
        output.WriteLine($"integrity_check: {string.Join("; ", report.IntegrityCheck.Take(10))}");
        foreach (var mismatch in report.Mismatches) error.WriteLine(mismatch);
        output.WriteLine(report.Ok ? "verify: ok" : "verify: FAILED");
        return report.Ok ? 0 : 1;
    }
}
