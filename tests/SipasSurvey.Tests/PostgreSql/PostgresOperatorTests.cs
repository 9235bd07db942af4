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
