using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Health;

public sealed class HealthTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public HealthTests(TestApp app) => _app = app;

    [Fact]
    public async Task Healthz_reports_healthy_and_names_the_engine_and_database()
    {
        using var client = _app.NewClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("databaseReachable").GetBoolean());
        Assert.True(body.GetProperty("migrationsCurrent").GetBoolean());
        Assert.Equal(TestEngine.Name, body.GetProperty("engine").GetString());
        if (TestEngine.IsPostgreSql)
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(_app.EngineSettings["ConnectionStrings:Sipas"]);
            Assert.Equal(connection.Database, body.GetProperty("database").GetString());
            var text = body.GetRawText();
            Assert.DoesNotContain("127.0.0.1", text);
            Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
            return;
        }
        Assert.Equal("sipas.db", body.GetProperty("database").GetString());
        Assert.True(File.Exists(_app.DatabasePath));
        Assert.True(File.Exists(_app.DatabasePath + "-wal"), "the database runs in WAL mode");
    }

    [Fact]
    public async Task Unknown_api_routes_answer_problem_details()
    {
        using var client = _app.NewClient();

        var response = await client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unknown_pages_answer_a_vietnamese_page_for_browsers()
    {
        using var client = _app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/khong-co-trang-nay");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}

/// <summary>Health against a migrations folder that gains a file the database has not seen.</summary>
public sealed class HealthWithPendingMigrationTests : IDisposable
{
    private readonly string _migrations = TempFolder.CopyOfMigrations();
    private readonly TestApp _app;

    public HealthWithPendingMigrationTests()
    {
        _app = new TestApp();
        _app.Settings["Sipas:MigrationsDirectory"] = _migrations;
    }

    [Fact]
    public async Task Healthz_fails_when_a_migration_is_pending()
    {
        using var client = _app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        File.WriteAllText(Path.Combine(_migrations, "9999_later.sql"), "CREATE TABLE later (x INTEGER);");

        var response = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/healthz/ready");
        var live = await client.GetAsync("/healthz/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("9999_later.sql", body.GetProperty("pendingMigrations")[0].GetString());
        // Readiness is the same check; liveness only says the process answers.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("9999_later.sql", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pendingMigrations")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("alive", (await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    [Trait("Engine", "sqlite")] // copies the file; on PostgreSQL MigratorTests refuse an edited migration
    public void Startup_stops_with_the_name_of_a_tampered_migration()
    {
        using (var client = _app.NewClient()) { }
        // A copy of the migrated file: the running app holds the service lock on its own.
        var copy = Path.Combine(_app.DataDirectory, "copy.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM INTO '{copy}'";
            vacuum.ExecuteNonQuery();
        }
        var first = Directory.GetFiles(_migrations, "*.sql").Order(StringComparer.Ordinal).First();
        File.AppendAllText(first, "\n-- edited\n");
        using var second = new TestApp();
        second.Settings["Sipas:MigrationsDirectory"] = _migrations;
        second.Settings["Sipas:DatabasePath"] = copy;

        var error = Assert.ThrowsAny<Exception>(() => second.NewClient());

        Assert.Contains(Path.GetFileName(first), error.ToString());
    }

    public void Dispose()
    {
        _app.Dispose();
        TempFolder.Delete(_migrations);
    }
}
