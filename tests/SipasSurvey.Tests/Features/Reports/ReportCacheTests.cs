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

    public void Dispose() => _app.Dispose();
}
