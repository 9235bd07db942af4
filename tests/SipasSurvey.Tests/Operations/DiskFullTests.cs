using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

/// <summary>
/// The database runs out of room (its configured ceiling, which SQLite enforces exactly as a full
/// disk: SQLITE_FULL). Submissions get 503, /healthz fails, nothing is half-written, and the
/// service recovers by itself when room returns.
/// </summary>
[Trait("Engine", "sqlite")] // SQLite's page-count ceiling (Sipas:Storage:MaxDatabaseMegabytes) stands in for a full disk
public sealed class DiskFullTests : IDisposable
{
    private readonly TestApp _app = new();

    public DiskFullTests() => _ = _app.Demo;

    private double CurrentMegabytes()
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("PRAGMA page_count") * connection.ExecuteScalar<long>("PRAGMA page_size") / 1048576.0;
    }

    [Fact]
    public async Task A_full_database_refuses_writes_cleanly_fails_healthz_and_recovers_when_room_returns()
    {
        var tokens = (await SlipApi.IssueAsync(_app, 500)).Concat(await SlipApi.IssueAsync(_app, 500)).Select(s => s.GetProperty("token").GetString()!).ToList();
        using var client = _app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        _app.LiveSettings.Change("Sipas:Storage:MaxDatabaseMegabytes", (CurrentMegabytes() + 0.1).ToString(CultureInfo.InvariantCulture));

        var accepted = new List<string>();
        var refused = new List<string>();
        HttpResponseMessage? firstRefusal = null;
        foreach (var token in tokens)
        {
            var response = await client.PostAsJsonAsync("/api/v1/responses",
                new { token, answers = new Dictionary<string, int> { ["TC1"] = 5, ["TT2"] = 4, ["CC3"] = 3 }, comment = new string('x', 500) });
            if (response.StatusCode == HttpStatusCode.Created) accepted.Add(token);
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                firstRefusal ??= response;
                refused.Add(token);
            }
        }
        var unhealthy = await client.GetAsync("/healthz");
        var health = await unhealthy.Content.ReadFromJsonAsync<JsonElement>();

        Assert.NotEmpty(accepted);
        Assert.True(refused.Count > 100, $"only {refused.Count} refused: the ceiling was never reached");
        Assert.NotNull(firstRefusal!.Headers.RetryAfter);
        Assert.Equal("application/problem+json", firstRefusal.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("full", health.GetProperty("problems")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(accepted.Count, StoredFile.Responses(_app.DatabasePath));
        StoredFile.AssertSound(_app.DatabasePath);

        // Room returns (the operator raises the ceiling in appsettings.json): no restart needed.
        _app.LiveSettings.Change("Sipas:Storage:MaxDatabaseMegabytes", "0");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        foreach (var token in refused)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/responses",
                new { token, answers = new Dictionary<string, int> { ["TC1"] = 5 } })).StatusCode);
        Assert.Equal(tokens.Count, StoredFile.Responses(_app.DatabasePath));
    }

    public void Dispose() => _app.Dispose();
}
