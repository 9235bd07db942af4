using System.Net;
using SipasSurvey.Bench;
using SipasSurvey.Features.Demo;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.PostgreSql;

/// <summary>copy-to-postgresql: a SQLite installation moved onto PostgreSQL answers every report identically.</summary>
[Trait("Engine", "postgresql")]
public sealed class CopyToPostgresTests : IDisposable
{
    private readonly TestApp _sqlite = new() { OnSqlite = true };
    private readonly string _target = PostgresCluster.Shared.CreateEmptyDatabase();

    [Fact]
    public async Task Every_commune_report_and_province_ranking_is_identical_after_the_copy_and_a_second_copy_is_refused()
    {
        ReportsAppData.EnsureResponses(_sqlite);
        var token = await Features.Slips.SlipApi.IssueTokenAsync(_sqlite); // an unanswered slip must keep working after the move
        var communes = _sqlite.Scalar<string>("SELECT group_concat(code, ',') FROM communes WHERE province_code = '01' AND code IN (SELECT commune_code FROM counters)").Split(',');
        var environment = new Dictionary<string, string>
        {
            ["Sipas__DataDirectory"] = _sqlite.DataDirectory,
            ["Sipas__Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Sipas"] = _target,
        };

        var copy = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(3), "copy-to-postgresql");
        var again = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1), "copy-to-postgresql");

        Assert.True(copy.ExitCode == 0, copy.Error + copy.Output);
        Assert.Contains("responses:", copy.Output);
        Assert.Contains("verify: ok", copy.Output);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("not empty", again.Error);

        using var postgres = new TestApp { PostgreSqlDatabase = _target };
        var password = _sqlite.Demo.Passwords[DemoAccounts.AdminUsername];
        using var before = _sqlite.NewClient();
        using var after = postgres.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(before, DemoAccounts.AdminUsername, password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(after, DemoAccounts.AdminUsername, password)).StatusCode);
        var quarter = SipasSurvey.Domain.Time.VietnamTime.DateOf(DateTimeOffset.UtcNow);
        var quarters = new[] { Quarter(quarter), Quarter(quarter.AddMonths(-3)) };
        var compared = 0;
        foreach (var q in quarters)
        {
            foreach (var commune in communes)
                compared += await SameAsync(before, after, $"/api/v1/reports/communes/{commune}?quarter={q}");
            compared += await SameAsync(before, after, $"/api/v1/reports/provinces/01/ranking?quarter={q}");
            compared += await SameAsync(before, after, $"/api/v1/reports/provinces/01/ranking?quarter={q}&flagged=exclude");
        }
        using var citizen = postgres.NewClient();
        var form = await citizen.GetAsync("/s/" + token);

        Assert.True(compared >= communes.Length * 2 + 4);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    private static string Quarter(DateOnly day) => $"{day.Year}-Q{(day.Month - 1) / 3 + 1}";

    private static async Task<int> SameAsync(HttpClient before, HttpClient after, string path)
    {
        var expected = await before.GetAsync(path);
        var actual = await after.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, expected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.Equal(await expected.Content.ReadAsStringAsync(), await actual.Content.ReadAsStringAsync());
        return 1;
    }

    public void Dispose()
    {
        _sqlite.Dispose();
        PostgresCluster.Shared.DropDatabase(_target);
    }
}
