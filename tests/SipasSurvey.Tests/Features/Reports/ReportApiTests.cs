using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Dapper;
using MiniExcelLibs;
using SipasSurvey.Domain.Time;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Reports;

public sealed class ReportApiTests : IClassFixture<ReportsApp>
{
    private readonly ReportsApp _app;
    private readonly string _quarter = Quarter.Of(VietnamTime.DateOf(DateTimeOffset.UtcNow)).ToString();

    public ReportApiTests(ReportsApp app)
    {
        _app = app;
        app.WithResponses();
    }

    private HttpClient Reports() => People.WithKey(_app, People.ReportsKey(_app));

    [Fact]
    public async Task The_commune_report_has_every_field_of_the_contract()
    {
        using var client = Reports();

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/00070?quarter={_quarter}");

        foreach (var name in new[] { "communeCode", "period", "responses", "slipsIssued", "responseRate", "serviceIndex", "components", "items", "lowSample" })
            Assert.True(report.TryGetProperty(name, out _), name);
        Assert.Equal("00070", report.GetProperty("communeCode").GetString());
        Assert.Equal(_quarter, report.GetProperty("period").GetString());
        Assert.Equal("Phường Hoàn Kiếm", report.GetProperty("communeName").GetString());
        var component = report.GetProperty("components")[0];
        Assert.True(component.TryGetProperty("id", out _) && component.TryGetProperty("index", out _));
        var item = report.GetProperty("items")[0];
        foreach (var name in new[] { "id", "rate", "answers", "ci95Low", "ci95High" }) Assert.True(item.TryGetProperty(name, out _), name);
        Assert.InRange(report.GetProperty("serviceIndex").GetDouble(), 0, 100);
        Assert.True(report.GetProperty("responses").GetInt64() > 30);
        Assert.False(report.GetProperty("lowSample").GetBoolean());
        var rate = report.GetProperty("responseRate").GetDouble();
        Assert.Equal(100.0 * report.GetProperty("responses").GetInt64() / report.GetProperty("slipsIssued").GetInt64(), rate, 9);
    }

    [Fact]
    public async Task Items_of_different_questionnaire_versions_are_never_mixed()
    {
        // Phường Phú Lương answers Mẫu số 02; give it one counter answering the SIPAS form too.
        using var client = Reports();

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/09568?quarter={_quarter}");

        var items = report.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("hn-mau-02@1", i.GetProperty("questionnaireVersion").GetString()));
        Assert.Equal(9, items.Count);
        Assert.Equal(["CONG_CHUC", "KET_QUA", "PHAN_ANH"], report.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_daily_series_has_one_row_per_vietnamese_day()
    {
        using var client = Reports();
        var today = VietnamTime.DateOf(DateTimeOffset.UtcNow);

        var daily = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/00070/daily?from={VietnamTime.DayKey(today.AddDays(-13))}&to={VietnamTime.DayKey(today)}");
        var defaults = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/communes/00070/daily");

        var days = daily.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(14, days.Count);
        Assert.Equal(VietnamTime.DayKey(today), days[^1].GetProperty("day").GetString());
        Assert.Equal(30, defaults.GetProperty("days").GetArrayLength());
        Assert.Contains(days, d => d.GetProperty("responses").GetInt64() > 0 && d.GetProperty("ci95Low").GetDouble() <= d.GetProperty("satisfiedShare").GetDouble());
    }

    [Fact]
    public async Task Breakdowns_add_up_to_the_commune_total()
    {
        using var client = Reports();
        var total = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/00070?quarter={_quarter}");

        foreach (var by in new[] { "counter", "staff", "field", "procedure" })
        {
            var breakdown = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/00070/breakdown?by={by}&quarter={_quarter}");
            var rows = breakdown.GetProperty("rows").EnumerateArray().ToList();
            Assert.Equal(total.GetProperty("responses").GetInt64(), rows.Sum(r => r.GetProperty("responses").GetInt64()));
            Assert.Equal(total.GetProperty("slipsIssued").GetInt64(), rows.Sum(r => r.GetProperty("slipsIssued").GetInt64()));
        }
        var counters = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/communes/00070/breakdown?by=counter&quarter={_quarter}");
        Assert.All(counters.GetProperty("rows").EnumerateArray(), r => Assert.StartsWith("Quầy số", r.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task The_ranking_orders_every_commune_and_labels_ranks_2_of_16_style()
    {
        using var client = Reports();

        var ranking = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/provinces/01/ranking?quarter={_quarter}");
        var byComponent = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/provinces/01/ranking?quarter={_quarter}&sort=CONG_CHUC");

        var ranked = ranking.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("rank").ValueKind == JsonValueKind.Number).ToList();
        Assert.Equal(16, ranking.GetProperty("ranked").GetInt32());
        Assert.Equal(16, ranked.Count);
        Assert.Equal(126, ranking.GetProperty("rows").GetArrayLength());
        Assert.Equal("1/16", ranked[0].GetProperty("rankLabel").GetString());
        foreach (var name in new[] { "rank", "communeCode", "name", "responses", "serviceIndex" }) Assert.True(ranked[0].TryGetProperty(name, out _), name);
        // The demo's Phường Phú Lương answers Mẫu số 02 (three components): communes are compared on the three they share.
        Assert.Equal("sharedComponents", ranking.GetProperty("comparison").GetString());
        var indices = ranked.Select(r => r.GetProperty("comparedIndex").GetDouble()).ToList();
        Assert.Equal(indices.OrderByDescending(x => x), indices);
        var components = byComponent.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("rank").ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty("components").GetProperty("CONG_CHUC").GetDouble()).ToList();
        Assert.Equal(components.OrderByDescending(x => x), components);
    }

    [Theory]
    [InlineData("/api/v1/reports/communes/00070?quarter=2026-Q5", "quarter")]
    [InlineData("/api/v1/reports/communes/00070?from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("/api/v1/reports/communes/00070?from=2026-13-01&to=2026-12-01", "from")]
    [InlineData("/api/v1/reports/communes/00070?quarter=2026-Q4&from=2026-10-01", "quarter")]
    [InlineData("/api/v1/reports/communes/00070?channel=fax", "channel")]
    [InlineData("/api/v1/reports/communes/00070/breakdown?by=mood", "by")]
    [InlineData("/api/v1/reports/provinces/01/ranking?sort=drop%20table", "sort")]
    public async Task Bad_report_parameters_are_problem_details_naming_the_parameter(string path, string parameter)
    {
        using var client = Reports();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{parameter}\"", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string> CommuneRoutes => new()
    {
        "/api/v1/reports/communes/{0}?quarter=2026-Q4",
        "/api/v1/reports/communes/{0}/daily",
        "/api/v1/reports/communes/{0}/breakdown?by=counter",
        "/api/v1/reports/communes/{0}/comments",
        "/api/v1/reports/communes/{0}/export.csv",
        "/api/v1/reports/communes/{0}/export.xlsx",
        "/api/v1/reports/communes/{0}/responses.csv",
        "/api/v1/reports/communes/{0}/responses.xlsx",
        "/reports/communes/{0}",
    };

    [Theory]
    [MemberData(nameof(CommuneRoutes))]
    public async Task A_leader_sees_their_commune_and_gets_404_for_any_other_on_every_report_route(string route)
    {
        using var leader = await People.LeaderAsync(_app);

        var own = await leader.GetAsync(string.Format(CultureInfo.InvariantCulture, route, "00070"));
        var other = await leader.GetAsync(string.Format(CultureInfo.InvariantCulture, route, "09568"));
        var missing = await leader.GetAsync(string.Format(CultureInfo.InvariantCulture, route, "99999"));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // Nothing tells "exists but not yours" from "does not exist".
        static string Shape(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "")
            .Replace("99999", "", StringComparison.Ordinal).Replace("09568", "", StringComparison.Ordinal);
        Assert.Equal(Shape(await missing.Content.ReadAsStringAsync()), Shape(await other.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/api/v1/reports/communes/{0}?quarter=2026-Q5")]
    [InlineData("/api/v1/reports/communes/{0}/breakdown?by=mood")]
    [InlineData("/api/v1/reports/communes/{0}/export.csv?channel=fax")]
    public async Task Another_communes_report_is_404_even_with_bad_parameters(string route)
    {
        using var leader = await People.LeaderAsync(_app);

        var own = await leader.GetAsync(string.Format(CultureInfo.InvariantCulture, route, "00070"));
        var other = await leader.GetAsync(string.Format(CultureInfo.InvariantCulture, route, "09568"));

        // The parameters are judged only for a commune the caller may read: a stranger learns nothing from a 400.
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/reports/provinces/01/ranking")]
    [InlineData("/api/v1/reports/provinces/01/ranking.csv")]
    [InlineData("/api/v1/reports/provinces/01/responses.csv")]
    public async Task Province_figures_are_for_the_province_scope_only(string route)
    {
        using var leader = await People.LeaderAsync(_app);
        using var reports = Reports();
        using var otherProvince = Reports();

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reports.GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvince.GetAsync(route.Replace("/01/", "/79/", StringComparison.Ordinal))).StatusCode);
    }

    [Fact]
    public async Task Comments_are_newest_first_searchable_without_diacritics_and_returned_as_typed()
    {
        var token = await Slips.SlipApi.IssueTokenAsync(_app);
        using var citizen = _app.NewClient();
        await citizen.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 2 }, comment = "<script>alert('xss')</script> Cán bộ đến muộn" });
        using var client = Reports();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/communes/00070/comments");
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/communes/00070/comments?q=CAN%20BO%20DEN%20MUON");
        using var leader = await People.LeaderAsync(_app);
        var page = await leader.GetStringAsync("/reports/communes/00070?q=den+muon");

        Assert.StartsWith("<script>", all.GetProperty("comments")[0].GetProperty("comment").GetString());
        Assert.Single(found.GetProperty("comments").EnumerateArray());
        var ids = all.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("responseId").GetInt64()).ToList();
        Assert.Equal(ids.OrderByDescending(i => i), ids);
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt; Cán bộ đến muộn", page);
        Assert.DoesNotContain("<script>alert", page);
    }

    [Fact]
    public async Task The_csv_export_has_a_bom_vietnamese_text_and_vietnamese_percentages()
    {
        using var client = Reports();

        var response = await client.GetAsync($"/api/v1/reports/communes/00070/export.csv?quarter={_quarter}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains($"sipas-00070-{_quarter}.csv", response.Content.Headers.ContentDisposition!.ToString());
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!).ToArray());
        Assert.Equal("Loại", rows[0][0]);
        Assert.Contains(rows, r => r[0] == "Tổng hợp" && r[3].StartsWith("Phường Hoàn Kiếm", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "Tiêu chí" && r[1] == "CC1" && r[3] == "Công chức có thái độ giao tiếp lịch sự, tôn trọng đối với người dân.");
        Assert.All(rows.Skip(1).Where(r => r[0] == "Tiêu chí"), r => Assert.Matches(@"^\d{1,3},\d\d%$", r[5]));
        using var connection = _app.Database.Open();
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'export.download' AND target = 'commune:00070'") >= 1);
    }

    [Fact]
    public async Task The_xlsx_ranking_reads_back_with_the_same_library()
    {
        using var client = Reports();

        var response = await client.GetAsync($"/api/v1/reports/provinces/01/ranking.xlsx?quarter={_quarter}");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(126, rows.Count);
        Assert.Equal("1/16", rows[0]["Xếp hạng"]);
        Assert.Contains(rows, r => (string)r["Tên"] == "Phường Hoàn Kiếm");
        Assert.Matches(@"^\d{1,3},\d\d%$", (string)rows[0]["Chỉ số hài lòng"]);
    }

    [Fact]
    public async Task The_raw_export_has_one_row_per_response_with_version_named_item_columns()
    {
        using var client = Reports();
        long expected;
        using (var connection = _app.Database.Open())
            expected = connection.ExecuteScalar<long>("SELECT count(*) FROM responses WHERE commune_code = '00070' AND day BETWEEN @f AND @t",
                new { f = Quarter.Of(VietnamTime.DateOf(DateTimeOffset.UtcNow)).FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t = Quarter.Of(VietnamTime.DateOf(DateTimeOffset.UtcNow)).LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        var csv = await client.GetAsync($"/api/v1/reports/communes/00070/responses.csv?quarter={_quarter}");
        var xlsx = await client.GetAsync($"/api/v1/reports/communes/00070/responses.xlsx?quarter={_quarter}");
        using var reader = new CsvReader(new StreamReader(await csv.Content.ReadAsStreamAsync(), Encoding.UTF8), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var header = reader.HeaderRecord!;
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            Assert.Equal("00070", reader.GetField("commune_code"));
            Assert.Matches("^[1-5]?$", reader.GetField("sipas-2023@1.TC1"));
        }
        await using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());

        Assert.Contains("sipas-2023@1.PA3", header);
        Assert.Contains("dossier_code", header);
        Assert.Equal(expected, rows);
        Assert.Equal(expected, sheet.Query(useHeaderRow: true).Count());
    }
}
