using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Survey;

/// <summary>
/// Past capacity the service says so at once (503 + Retry-After) instead of queueing without bound.
/// The writer is stalled the way it is in production: another process (a backup, an import) holds
/// the database's write lock.
/// </summary>
[Trait("Engine", "sqlite")] // holds SQLite's write lock from outside to fill the queue
public sealed class BackPressureTests : IDisposable
{
    private readonly TestApp _app = new() { Settings = { ["Sipas:Writes:QueueCapacity"] = "4" } };

    public BackPressureTests() => _ = _app.Demo;

    [Fact]
    public async Task A_full_write_queue_answers_503_with_retry_after_at_once_and_stores_nothing_for_those()
    {
        var tokens = (await SlipApi.IssueAsync(_app, 30)).Select(s => s.GetProperty("token").GetString()!).ToList();
        var formToken = tokens[^1];
        using var client = _app.NewClient();
        using var blocker = new SqliteConnection($"Data Source={_app.DatabasePath};Pooling=False");
        blocker.Open();
        blocker.Execute("BEGIN IMMEDIATE");

        var watch = Stopwatch.StartNew();
        var submissions = tokens.Take(29).Select(async token =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 5 } });
            return (token, response, watch.Elapsed);
        }).ToList();
        // Those refused come back while the lock is still held: nobody waits in a queue that cannot move.
        var refused = new List<(string Token, HttpResponseMessage Response, TimeSpan At)>();
        var deadline = Stopwatch.StartNew();
        while (refused.Count < 20 && deadline.Elapsed < TimeSpan.FromSeconds(3))
        {
            refused = submissions.Where(s => s.IsCompletedSuccessfully && s.Result.response.StatusCode == HttpStatusCode.ServiceUnavailable).Select(s => s.Result).ToList();
            await Task.Delay(20);
        }
        var form = await client.PostAsync("/s/" + formToken, new FormUrlEncodedContent([new("TC1", "4"), new("comment", "Cán bộ nhiệt tình")]));
        var formHtml = await form.Content.ReadAsStringAsync();
        blocker.Execute("ROLLBACK");
        var all = await Task.WhenAll(submissions);

        Assert.True(refused.Count >= 20, $"only {refused.Count} of 29 refused while the writer was stalled");
        Assert.All(refused, r => Assert.True(r.At < TimeSpan.FromSeconds(2), $"a 503 took {r.At.TotalMilliseconds:0} ms"));
        var first = refused[0].Response;
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        Assert.True(first.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);
        Assert.NotNull(form.Headers.RetryAfter);
        Assert.Contains("Cán bộ nhiệt tình", formHtml);             // the citizen's answers are still on the page
        Assert.Contains("value=\"4\" checked", formHtml);

        // The accepted ones were committed once the lock went away; the refused ones were not stored and go in on retry.
        var accepted = all.Where(a => a.response.StatusCode == HttpStatusCode.Created).Select(a => a.token).ToList();
        Assert.Equal(29, accepted.Count + all.Count(a => a.response.StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(accepted.Count, StoredCount());
        foreach (var (token, _, _) in refused)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 5 } })).StatusCode);
        Assert.Equal(accepted.Count + refused.Count, StoredCount());
    }

    private long StoredCount()
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM responses");
    }

    public void Dispose() => _app.Dispose();
}
