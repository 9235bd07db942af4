using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Reports;

/// <summary>Reports are served from memory between writes, and every write that changes a figure shows at once.</summary>
public sealed class ReportCacheTests : IDisposable
{
    private readonly TestApp _app = new();

    public ReportCacheTests() => _ = _app.Demo;

    [Fact]
    public async Task Issuing_answering_and_revoking_show_in_the_next_commune_report_and_ranking()
    {
        using var admin = await People.AdminAsync(_app);
        async Task<(long Responses, long Issued, long RankedResponses)> Read()
        {
            var report = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/communes/00070");
            var ranking = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/provinces/01/ranking");
            var row = ranking.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("communeCode").GetString() == "00070");
            return (report.GetProperty("responses").GetInt64(), report.GetProperty("slipsIssued").GetInt64(), row.GetProperty("responses").GetInt64());
        }

        var start = await Read();
        var again = await Read();
        var slips = await SlipApi.IssueAsync(_app, 2);
        var issued = await Read();
        using var citizen = _app.NewClient();
        Assert.Equal(HttpStatusCode.Created, (await citizen.PostAsJsonAsync("/api/v1/responses",
            new { token = slips[0].GetProperty("token").GetString(), answers = new { TC1 = 5 } })).StatusCode);
        var answered = await Read();
        var revoke = await admin.PostAsJsonAsync($"/api/v1/slips/{slips[1].GetProperty("slipId").GetInt64()}/revoke", new { });
        var revoked = await Read();

        Assert.Equal(start, again);
        Assert.Equal((start.Responses, start.Issued + 2, start.RankedResponses), issued);
        Assert.Equal((start.Responses + 1, start.Issued + 2, start.RankedResponses + 1), answered);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal((start.Responses + 1, start.Issued + 1, start.RankedResponses + 1), revoked);
    }

    [Fact]
    public async Task A_report_read_right_after_an_acknowledged_answer_includes_it_even_when_after_commit_work_is_slow()
    {
        using var app = new SlowAfterCommitApp();
        _ = app.Demo;
        using var admin = await People.AdminAsync(app);
        async Task<long> Responses() => (await admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/communes/00070")).GetProperty("responses").GetInt64();
        var before = await Responses();   // now cached
        var token = await SlipApi.IssueTokenAsync(app);
        await Responses();                // cached again, with the slip counted

        using var citizen = app.NewClient();
        Assert.Equal(HttpStatusCode.Created, (await citizen.PostAsJsonAsync("/api/v1/responses", new { token, answers = new { TC1 = 5 } })).StatusCode);

        // The acknowledgement comes after the cache heard of the answer, however long the hooks before it take.
        Assert.Equal(before + 1, await Responses());
    }

    /// <summary>An after-commit hook ahead of the others that takes 300 ms for an answer: the window a stale report would need.</summary>
    private sealed class SlowAfterCommitApp : TestApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Insert(0,
                Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<SipasSurvey.Infrastructure.Writes.IWriteHook>(new SlowHook())));
        }
    }

    private sealed class SlowHook : SipasSurvey.Infrastructure.Writes.IWriteHook
    {
        public void BeforeCommit(System.Data.Common.DbConnection connection, IReadOnlyList<object> facts) { }

        public void AfterCommit(IReadOnlyList<object> facts)
        {
            if (facts.Any(f => f is SipasSurvey.Features.Survey.Submit.AnswerStored)) Thread.Sleep(300);
        }
    }

    public void Dispose() => _app.Dispose();
}
