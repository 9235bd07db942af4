using System.Net;
using System.Net.Http.Json;
using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Deployment;

/// <summary>
/// /metrics of a real server process (loopback may read it; 127.0.0.1 is also its trusted proxy here,
/// so a request "from" 203.0.113.5 through it is a stranger), parsed by Prometheus' own parser.
/// </summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly string _data = TempFolder.Create("metrics");
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(TestEngine.ProcessEnvironment(_data)) { ["Sipas__Proxy__KnownProxies__0"] = "127.0.0.1" };
        _server = await ServerProcess.StartAsync(_data, settings, demo: true, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_count_exactly_the_answers_sent()
    {
        using var load = await Load.PrepareAsync(_server.BaseAddress, _data, 4);
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var before = await ScrapeAsync(http);
        foreach (var family in new[] { "sipas_answers", "sipas_slips_issued", "sipas_report_cache_hits", "sipas_report_cache_misses" })
            Assert.Equal("counter", before.First(s => s.Family == family).Type);
        foreach (var family in new[] { "sipas_write_queue_depth", "sipas_write_batch_size", "sipas_commit_seconds" })
            Assert.Equal("histogram", before.First(s => s.Family == family).Type);
        foreach (var family in new[] { "sipas_storage_healthy", "sipas_alert_outbox_backlog", "sipas_alert_outbox_oldest_seconds" })
            Assert.Equal("gauge", before.First(s => s.Family == family).Type);
        Assert.Contains(before, s => s.Name == "http_server_request_duration_seconds_count");   // ASP.NET Core's own figures
        Assert.Contains(before, s => s.Family.StartsWith("dotnet_", StringComparison.Ordinal));  // the runtime's

        var tokens = await load.IssueAsync(load.Counters[0], 5);
        var random = new Random(7);
        for (var i = 0; i < 3; i++) Assert.Equal(201, await Load.SendAsync(http, Load.SubmitRequest(tokens[i], random)));
        Assert.Equal(201, await Load.SendAsync(http, Load.SubmitRequest(tokens[0], new Random(7))));          // the same client's retry: replayed, answered as the original
        var other = Load.SubmitRequest(tokens[1], random);
        other.Headers.Remove("Idempotency-Key");
        Assert.Equal(409, await Load.SendAsync(http, other));                                                  // someone else on an answered slip: conflict
        Assert.Equal(400, (int)(await http.PostAsJsonAsync("/api/v1/responses", new { token = tokens[3], answers = new Dictionary<string, int> { ["TC1"] = 9 } })).StatusCode);
        Assert.Equal(404, (int)(await http.PostAsJsonAsync("/api/v1/responses", new { token = "no-such-slip-token", answers = new Dictionary<string, int> { ["TC1"] = 4 } })).StatusCode);
        using (var report = load.ReportRequest($"/api/v1/reports/communes/{load.CommuneCode}"))
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(report)).StatusCode);

        var after = await ScrapeAsync(http);
        double Moved(string name, params (string, string)[] labels) => (after.Value(name, labels) ?? 0) - (before.Value(name, labels) ?? 0);
        Assert.Equal(3, Moved("sipas_answers_total", ("outcome", "stored")));
        Assert.Equal(1, Moved("sipas_answers_total", ("outcome", "replayed")));
        Assert.Equal(1, Moved("sipas_answers_total", ("outcome", "conflict")));
        Assert.Equal(1, Moved("sipas_answers_total", ("outcome", "invalid")));
        Assert.Equal(1, Moved("sipas_answers_total", ("outcome", "refused")));
        Assert.Equal(5, Moved("sipas_slips_issued_total"));
        Assert.Equal(1, Moved("sipas_report_cache_hits_total") + Moved("sipas_report_cache_misses_total"));
        Assert.True(Moved("sipas_commit_seconds_count") >= 4, "each stored answer and the slips were committed");
        Assert.Equal(Moved("sipas_commit_seconds_count"), Moved("sipas_write_batch_size_count"));
        Assert.True(Moved("sipas_write_batch_size_sum") >= 4);
        Assert.Equal(1, after.Value("sipas_storage_healthy"));
        Assert.NotNull(after.Value("sipas_alert_outbox_backlog"));
    }

    [Fact]
    public async Task A_stranger_gets_404_from_metrics()
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.5");
        var refused = await http.SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("sipas_", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/metrics")).StatusCode);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient http)
    {
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        return await PrometheusText.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        TempFolder.Delete(_data);
    }
}
