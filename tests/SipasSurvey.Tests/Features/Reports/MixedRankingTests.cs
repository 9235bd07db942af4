using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using SipasSurvey.Domain.Time;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Reports;

/// <summary>
/// Two communes on questionnaires with different components, answers chosen so the figures can be
/// worked by hand (docs/domain.md, §4, "Rankings across questionnaires"):
/// Phường Hoàn Kiếm (00070, sipas-2023, five components), two responses: all 5s, then 5s for
/// TIEP_CAN and THU_TUC and 1s for the rest → item rates 100 / 100 / 50 / 50 / 50 per component,
/// S = (100 + 100 + 50 + 50 + 50) / 5 = 70, on the shared three (CONG_CHUC, KET_QUA, PHAN_ANH) 50.
/// Phường Phú Lương (09568, hn-mau-02, three components), three responses: 5s, 5s, 1s → every rate
/// 200/3 %, S = compared = 66.67. By S Hoàn Kiếm would come first; compared fairly, Phú Lương does.
/// </summary>
public sealed class MixedRankingTests : IDisposable
{
    private readonly TestApp _app = new();
    private readonly string _quarter = Quarter.Of(VietnamTime.DateOf(DateTimeOffset.UtcNow)).ToString();

    private static readonly string[] SipasItems = ["TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "CC4", "CC5", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3"];
    private static readonly string[] Mau02Items = ["CC1", "CC2", "CC3", "KQ1", "KQ2", "PA1", "PA2", "PA3", "PA4"];

    [Fact]
    public async Task Communes_on_different_questionnaires_are_ranked_on_their_shared_components_and_everything_says_so()
    {
        using var admin = await People.AdminAsync(_app);
        var counters = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/counters")).GetProperty("counters").EnumerateArray().ToList();
        long CounterOf(string commune) => counters.First(c => c.GetProperty("communeCode").GetString() == commune && c.GetProperty("active").GetBoolean()).GetProperty("id").GetInt64();
        var (hoanKiem, phuLuong) = (CounterOf("00070"), CounterOf("09568"));
        var keyResponse = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "mixed ranking", scope = "slips", counterIds = new[] { hoanKiem, phuLuong } });
        using var machine = People.WithKey(_app, (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);

        await AnswerAsync(machine, hoanKiem, SipasItems.ToDictionary(i => i, _ => 5));
        await AnswerAsync(machine, hoanKiem, SipasItems.ToDictionary(i => i, i => i.StartsWith('T') ? 5 : 1));
        await AnswerAsync(machine, phuLuong, Mau02Items.ToDictionary(i => i, _ => 5));
        await AnswerAsync(machine, phuLuong, Mau02Items.ToDictionary(i => i, _ => 5));
        await AnswerAsync(machine, phuLuong, Mau02Items.ToDictionary(i => i, _ => 1));

        using var reports = People.WithKey(_app, People.ReportsKey(_app));
        var ranking = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/provinces/01/ranking?quarter={_quarter}");

        Assert.Equal("sharedComponents", ranking.GetProperty("comparison").GetString());
        Assert.Equal(["CONG_CHUC", "KET_QUA", "PHAN_ANH"], ranking.GetProperty("comparedComponents").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("3 thành phần chung", ranking.GetProperty("note").GetString());
        Assert.Equal(2, ranking.GetProperty("ranked").GetInt32());
        var rows = ranking.GetProperty("rows").EnumerateArray().Take(2).ToList();
        Assert.Equal(("09568", "1/2"), (rows[0].GetProperty("communeCode").GetString(), rows[0].GetProperty("rankLabel").GetString()));
        Assert.Equal(200.0 / 3, rows[0].GetProperty("serviceIndex").GetDouble(), 9);
        Assert.Equal(200.0 / 3, rows[0].GetProperty("comparedIndex").GetDouble(), 9);
        Assert.Equal(("00070", "2/2"), (rows[1].GetProperty("communeCode").GetString(), rows[1].GetProperty("rankLabel").GetString()));
        Assert.Equal(70, rows[1].GetProperty("serviceIndex").GetDouble(), 9);
        Assert.Equal(50, rows[1].GetProperty("comparedIndex").GetDouble(), 9);
        Assert.Equal(["sipas-2023@1"], rows[1].GetProperty("questionnaireVersions").EnumerateArray().Select(v => v.GetString()));
        var headings = ranking.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("shortLabel").GetString());
        Assert.Equal("Thủ tục", headings["THU_TUC"]);

        // Sorted by a component only one questionnaire has: only the communes that have it are ranked.
        var byProcedure = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/provinces/01/ranking?quarter={_quarter}&sort=THU_TUC");
        Assert.Equal(1, byProcedure.GetProperty("ranked").GetInt32());
        Assert.Equal("00070", byProcedure.GetProperty("rows")[0].GetProperty("communeCode").GetString());

        // The export says the same in its added columns.
        using var csv = new CsvReader(new StringReader(await reports.GetStringAsync($"/api/v1/reports/provinces/01/ranking.csv?quarter={_quarter}")), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        csv.Read();
        Assert.Equal("09568", csv.GetField("Mã xã/phường"));
        Assert.Equal("CONG_CHUC KET_QUA PHAN_ANH", csv.GetField("Thành phần so sánh"));
        Assert.Equal("hn-mau-02@1", csv.GetField("Phiếu khảo sát"));
        csv.Read();
        Assert.Equal("00070", csv.GetField("Mã xã/phường"));
        Assert.StartsWith("50", csv.GetField("Điểm so sánh"));
        Assert.StartsWith("70", csv.GetField("Chỉ số hài lòng"));

        // The page shows the note and the comparison column, with Vietnamese component names as headers.
        var page = await admin.GetStringAsync($"/reports/provinces/01?quarter={_quarter}");
        Assert.Contains("Điểm so sánh", page);
        Assert.Contains("3 thành phần chung", page);
        Assert.Contains("<abbr title=\"Thủ tục hành chính\">Thủ tục</abbr>", page);
        Assert.DoesNotContain(">THU_TUC<", page);
    }

    [Fact]
    public async Task Communes_on_one_questionnaire_are_ranked_by_s_itself()
    {
        var token = await Slips.SlipApi.IssueTokenAsync(_app);
        using var phone = _app.NewClient();
        Assert.Equal(HttpStatusCode.Created, (await phone.PostAsJsonAsync("/api/v1/responses", new { token, answers = SipasItems.ToDictionary(i => i, _ => 4) })).StatusCode);
        using var reports = People.WithKey(_app, People.ReportsKey(_app));

        var ranking = await reports.GetFromJsonAsync<JsonElement>($"/api/v1/reports/provinces/01/ranking?quarter={_quarter}");

        Assert.Equal("serviceIndex", ranking.GetProperty("comparison").GetString());
        Assert.Equal(JsonValueKind.Null, ranking.GetProperty("note").ValueKind);
        var first = ranking.GetProperty("rows")[0];
        Assert.Equal(first.GetProperty("serviceIndex").GetDouble(), first.GetProperty("comparedIndex").GetDouble());
    }

    private async Task AnswerAsync(HttpClient machine, long counter, Dictionary<string, int> answers)
    {
        var issued = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = counter });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0].GetProperty("token").GetString();
        using var phone = _app.NewClient();
        // Mẫu số 02 asks which field was handled ("Hộ tịch"); the SIPAS form does not.
        var stored = await phone.PostAsJsonAsync("/api/v1/responses", answers.ContainsKey("TC1") ? new { token, answers, field = (string?)null } : new { token, answers, field = (string?)"Hộ tịch" });
        Assert.True(stored.StatusCode == HttpStatusCode.Created, await stored.Content.ReadAsStringAsync());
    }

    public void Dispose() => _app.Dispose();
}
