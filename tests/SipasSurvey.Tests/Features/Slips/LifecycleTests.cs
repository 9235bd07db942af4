using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Slips;

public sealed partial class LifecycleTests : IClassFixture<ClockedTestApp>
{
    private readonly ClockedTestApp _app;

    public LifecycleTests(ClockedTestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    [GeneratedRegex("src=\"data:image/svg\\+xml;base64,([^\"]+)\"")]
    private static partial Regex EmbeddedQr();

    [Fact]
    public async Task A_reprint_gives_the_same_token_and_code()
    {
        var slip = (await SlipApi.IssueAsync(_app))[0];
        using var client = People.WithKey(_app, People.SlipsKey(_app));

        var again = await client.GetFromJsonAsync<JsonElement>($"/api/v1/slips/{slip.GetProperty("slipId").GetInt64()}");

        Assert.Equal(slip.GetProperty("token").GetString(), again.GetProperty("token").GetString());
        Assert.Equal(slip.GetProperty("code").GetString(), again.GetProperty("code").GetString());
        Assert.Equal(slip.GetProperty("url").GetString(), again.GetProperty("url").GetString());
    }

    [Fact]
    public async Task The_day_list_shows_unused_answered_expired_and_revoked_slips()
    {
        var day = SipasSurvey.Domain.Time.VietnamTime.DayKey(_app.Clock.GetUtcNow());
        var slips = await SlipApi.IssueAsync(_app, 4);
        using var machine = People.WithKey(_app, People.SlipsKey(_app));
        using var citizen = _app.NewClient();
        var answered = await citizen.PostAsJsonAsync("/api/v1/responses", new { token = slips[0].GetProperty("token").GetString(), answers = new Dictionary<string, int> { ["TC1"] = 5 } });
        Assert.True(answered.StatusCode == HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());
        var revoked = await machine.PostAsJsonAsync($"/api/v1/slips/{slips[1].GetProperty("slipId").GetInt64()}/revoke", new { });
        using (var connection = _app.Database.Open())
            connection.Execute("UPDATE slips SET expires_at = @past WHERE id = @id",
                new { past = _app.Clock.GetUtcNow().AddMinutes(-1), id = slips[2].GetProperty("slipId").GetInt64() });

        var list = await machine.GetFromJsonAsync<JsonElement>($"/api/v1/counters/{_app.Demo.CounterId}/slips?day={day}");
        string StateOf(JsonElement slip) => list.GetProperty("slips").EnumerateArray()
            .Single(s => s.GetProperty("slipId").GetInt64() == slip.GetProperty("slipId").GetInt64()).GetProperty("state").GetString()!;

        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("answered", StateOf(slips[0]));
        Assert.Equal("revoked", StateOf(slips[1]));
        Assert.Equal("expired", StateOf(slips[2]));
        Assert.Equal("unused", StateOf(slips[3]));
    }

    [Fact]
    public async Task Revoking_takes_the_slip_out_of_the_issued_count_and_closes_its_survey()
    {
        var slip = (await SlipApi.IssueAsync(_app))[0];
        using var machine = People.WithKey(_app, People.SlipsKey(_app));
        long Issued()
        {
            using var connection = _app.Database.Open();
            return connection.ExecuteScalar<long>("SELECT coalesce(sum(issued), 0) FROM daily_slip_stats WHERE commune_code = '00070' AND dimension = ''");
        }
        var before = Issued();

        var revoke = await machine.PostAsJsonAsync($"/api/v1/slips/{slip.GetProperty("slipId").GetInt64()}/revoke", new { });
        var again = await machine.PostAsJsonAsync($"/api/v1/slips/{slip.GetProperty("slipId").GetInt64()}/revoke", new { });
        using var browser = _app.NewClient();
        var page = await browser.GetAsync(SlipApi.PathOf(slip.GetProperty("url").GetString()!));

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("already-revoked", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(before - 1, Issued());
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("không còn hiệu lực", await page.Content.ReadAsStringAsync());
        using var connection = _app.Database.Open();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'slip.revoke' AND target = @t",
            new { t = "slip:" + slip.GetProperty("slipId").GetInt64() }));
    }

    [Fact]
    public async Task An_answered_slip_cannot_be_revoked()
    {
        var slip = (await SlipApi.IssueAsync(_app))[0];
        using var citizen = _app.NewClient();
        await citizen.PostAsJsonAsync("/api/v1/responses", new { token = slip.GetProperty("token").GetString(), answers = new Dictionary<string, int> { ["TC1"] = 4 } });
        using var machine = People.WithKey(_app, People.SlipsKey(_app));

        var revoke = await machine.PostAsJsonAsync($"/api/v1/slips/{slip.GetProperty("slipId").GetInt64()}/revoke", new { });

        Assert.Equal(HttpStatusCode.Conflict, revoke.StatusCode);
    }

    [Fact]
    public async Task A_slip_expires_after_fourteen_days()
    {
        var slip = (await SlipApi.IssueAsync(_app))[0];
        using var citizen = _app.NewClient();
        var path = SlipApi.PathOf(slip.GetProperty("url").GetString()!);
        var first = await citizen.GetAsync(path);
        Assert.True(first.StatusCode == HttpStatusCode.OK, first.StatusCode + await first.Content.ReadAsStringAsync() + _app.Logs);

        // The clock only moves forward; the other tests of this class work relative to it.
        _app.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        var expired = await citizen.GetAsync(path);
        var submitted = await citizen.PostAsJsonAsync("/api/v1/responses", new { token = slip.GetProperty("token").GetString(), answers = new Dictionary<string, int> { ["TC1"] = 5 } });

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("đã hết hạn", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, submitted.StatusCode);
    }

    [Fact]
    public async Task The_print_page_carries_the_qr_code_the_code_and_the_vietnamese_instructions_but_not_the_dossier_code()
    {
        var slip = (await SlipApi.IssueAsync(_app, 1, new { dossierCode = "000.00.01.H26-260930-0099" }))[0];
        using var client = _app.NewClient();

        var html = await client.GetStringAsync(SlipApi.PathOf(slip.GetProperty("printUrl").GetString()!));
        var qr = Convert.FromBase64String(EmbeddedQr().Match(html).Groups[1].Value);

        Assert.Equal(slip.GetProperty("url").GetString(), await Zbar.DecodeAsync(qr, "svg"));
        Assert.Contains("PHIẾU KHẢO SÁT SỰ HÀI LÒNG", html);
        Assert.Contains("Phường Hoàn Kiếm", html);
        Assert.Contains("Quét mã QR bằng điện thoại để đánh giá sự hài lòng về việc giải quyết thủ tục hành chính.", html);
        Assert.Contains(slip.GetProperty("code").GetString()!, html);
        Assert.Contains("localhost/ma", html);
        Assert.DoesNotContain("H26-260930-0099", html);
        Assert.DoesNotContain("http://", html.Replace(slip.GetProperty("url").GetString()!, "", StringComparison.Ordinal).Replace("http://www.w3.org", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_counter_officer_prints_a_sheet_of_slips_from_the_counter_page()
    {
        using var staff = await People.StaffAsync(_app);
        var desk = $"/counters/{_app.Demo.CounterId}";

        var issued = await People.PostFormAsync(staff, desk, desk + "/slips", [new("count", "12"), new("field", "Hộ tịch"), new("format", "a4")]);
        var sheet = await staff.GetStringAsync(issued.Headers.Location!.OriginalString);
        var qrs = EmbeddedQr().Matches(sheet).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToList();
        var decoded = await Task.WhenAll(qrs.Take(3).Select(q => Zbar.DecodeAsync(q, "svg")));
        var deskPage = await staff.GetStringAsync(desk);

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        Assert.Equal(12, qrs.Count);
        Assert.All(decoded, url => Assert.StartsWith("http://localhost/s/", url));
        Assert.Equal(3, decoded.Distinct().Count());
        Assert.Contains("class=\"sheet a4\"", sheet);
        Assert.Contains("Chưa trả lời", deskPage);
    }

    [Fact]
    public async Task The_counter_form_shows_every_wrong_field_at_once_and_issues_nothing()
    {
        using var staff = await People.StaffAsync(_app);
        var desk = $"/counters/{_app.Demo.CounterId}";
        var before = _app.Scalar<long>("SELECT count(*) FROM slips");

        var refused = await People.PostFormAsync(staff, desk, desk + "/slips",
            [new("count", "many"), new("procedureCode", "1001193"), new("field", "Không có lĩnh vực này"), new("format", "a4")]);
        var page = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("count must be between 1 and 500", page);
        Assert.Contains("procedureCode '1001193' is malformed", page);
        Assert.Contains("is not a known procedure field", page);
        Assert.Equal(before, _app.Scalar<long>("SELECT count(*) FROM slips"));
    }
}

public sealed class FallbackCodeTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public FallbackCodeTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void The_check_character_catches_every_single_mistyped_character()
    {
        var random = new Random(20261123);
        for (var sample = 0; sample < 300; sample++)
        {
            var code = SipasSurvey.Domain.Slips.SlipSecrets.Code(new byte[32], SipasSurvey.Domain.Slips.SlipSecrets.NewSeed());
            Assert.Equal(code, SipasSurvey.Domain.Slips.FallbackCode.Normalize(code));
            for (var position = 0; position < code.Length; position++)
                foreach (var wrong in Alphabet.Where(c => c != code[position]))
                {
                    var typo = code[..position] + wrong + code[(position + 1)..];
                    Assert.Null(SipasSurvey.Domain.Slips.FallbackCode.Normalize(typo));
                }
            _ = random;
        }
    }

    [Fact]
    public void The_check_character_catches_nearly_all_swapped_neighbours()
    {
        int swaps = 0, caught = 0;
        for (var sample = 0; sample < 2000; sample++)
        {
            var code = SipasSurvey.Domain.Slips.SlipSecrets.Code(new byte[32], SipasSurvey.Domain.Slips.SlipSecrets.NewSeed());
            for (var i = 0; i + 1 < code.Length; i++)
            {
                if (code[i] == code[i + 1]) continue;
                swaps++;
                var swapped = code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
                if (SipasSurvey.Domain.Slips.FallbackCode.Normalize(swapped) is null) caught++;
            }
        }
        Assert.True(caught >= swaps * 0.95, $"{caught} of {swaps} swaps caught");
    }

    [Theory]
    [InlineData("abcd efgh jkm", "ABCDEFGHJKM")]
    [InlineData("ABCD-EFGH-JKM", "ABCDEFGHJKM")]
    [InlineData("oO1i-lL00-000", "00111100000")]
    public void Typing_is_forgiving_about_case_spaces_dashes_and_look_alikes(string typed, string expectedData)
    {
        var code = expectedData[..10] + SipasSurvey.Domain.Slips.FallbackCode.CheckCharacter(expectedData[..10]);
        var typedWithCheck = typed[..^1] + char.ToLowerInvariant(code[^1]);

        Assert.Equal(code, SipasSurvey.Domain.Slips.FallbackCode.Normalize(typedWithCheck));
    }

    [Fact]
    public async Task The_code_entry_page_leads_to_the_survey_and_explains_a_typo()
    {
        var slip = (await SlipApi.IssueAsync(_app))[0];
        var code = slip.GetProperty("code").GetString()!;
        var typo = code[..2] + (code[2] == 'A' ? 'B' : 'A') + code[3..];
        using var client = _app.NewClient();

        var found = await client.PostAsync("/ma", new FormUrlEncodedContent([new("code", code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal))]));
        var mistyped = await client.PostAsync("/ma", new FormUrlEncodedContent([new("code", typo)]));
        var nonsense = await client.PostAsync("/ma", new FormUrlEncodedContent([new("code", "<script>alert(1)</script>")]));

        Assert.Equal(HttpStatusCode.SeeOther, found.StatusCode);
        Assert.Equal("/s/" + slip.GetProperty("token").GetString(), found.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Contains("gõ nhầm", await mistyped.Content.ReadAsStringAsync());
        var nonsenseText = await nonsense.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
        Assert.DoesNotContain("<script>alert", nonsenseText);
    }
}
