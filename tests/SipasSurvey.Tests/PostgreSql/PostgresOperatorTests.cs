using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.PostgreSql;

/// <summary>Operator verbs on PostgreSQL: backup and restore name PostgreSQL's own tools instead of pretending.</summary>
[Trait("Engine", "postgresql")]
public sealed class PostgresOperatorTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public PostgresOperatorTests(TestApp app)
    {
        if (!TestEngine.IsPostgreSql) throw new InvalidOperationException("Run with SIPAS_TEST_ENGINE=postgresql (tests/run.sh does).");
        _app = app;
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task Backup_and_restore_refuse_and_name_pg_dump_and_pg_restore(string verb)
    {
        using (_app.NewClient()) { }
        var environment = new Dictionary<string, string> { ["Sipas__DataDirectory"] = _app.DataDirectory };
        var file = Path.Combine(_app.DataDirectory, "backup.db");

        var (exitCode, output, error) = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1), verb, file);

        Assert.True(exitCode == 2, output + error);
        Assert.Contains("pg_dump", error);
        Assert.Contains("pg_restore", error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task The_backup_procedure_in_the_readme_pg_dump_then_pg_restore_gives_a_database_that_verifies()
    {
        _ = _app.Demo;
        await Features.Slips.SlipApi.IssueAsync(_app, count: 3);
        var source = TestEngine.ProcessEnvironment(_app.DataDirectory)["ConnectionStrings__Sipas"];
        var target = PostgresCluster.Shared.CreateEmptyDatabase();
        var dump = Path.Combine(_app.DataDirectory, "sipas.dump");
        try
        {
            await RunAsync("pg_dump", "--format=custom", "--file=" + dump, Libpq(source));
            await RunAsync("pg_restore", "--clean", "--if-exists", "--exit-on-error", "--no-owner", "--dbname=" + Libpq(target), dump);
            var environment = new Dictionary<string, string>
            {
                ["Sipas__DataDirectory"] = Path.Combine(_app.DataDirectory, "restored"),
                ["Sipas__Database__Provider"] = "PostgreSql", ["ConnectionStrings__Sipas"] = target,
            };

            var (exitCode, output, error) = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1), "verify");

            Assert.True(exitCode == 0, output + error);
            Assert.Contains("verify: ok", output);
            using var restored = new Npgsql.NpgsqlConnection(target);
            Assert.Equal(_app.Scalar<long>("SELECT count(*) FROM responses"), Dapper.SqlMapper.ExecuteScalar<long>(restored, "SELECT count(*) FROM responses"));
            Assert.Equal(_app.Scalar<long>("SELECT count(*) FROM slips"), Dapper.SqlMapper.ExecuteScalar<long>(restored, "SELECT count(*) FROM slips"));
        }
        finally
        {
            PostgresCluster.Shared.DropDatabase(target);
        }
    }

    /// <summary>The libpq form of an Npgsql connection string, as pg_dump and pg_restore take it.</summary>
    private static string Libpq(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"host={builder.Host} port={builder.Port} dbname={builder.Database} user={builder.Username}";
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
    }

    [Fact]
    public async Task Verify_runs_against_the_postgresql_database()
    {
        _ = _app.Demo;
        await Features.Slips.SlipApi.IssueAsync(_app, count: 3);
        var environment = new Dictionary<string, string> { ["Sipas__DataDirectory"] = _app.DataDirectory };

        var (exitCode, output, error) = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1), "verify");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("integrity_check: ok", output);
        Assert.Contains("verify: ok", output);
    }
}
