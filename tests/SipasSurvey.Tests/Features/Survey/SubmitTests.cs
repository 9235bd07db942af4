using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Survey;

public sealed class SubmitTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public SubmitTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    private long ResponsesFor(string token)
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @h",
            new { h = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) });
    }

    private static FormUrlEncodedContent Form(params (string, string)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    [Fact]
    public async Task Many_phones_racing_on_one_slip_store_exactly_one_response()
    {
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();
        using var start = new SemaphoreSlim(0);

        var racers = Enumerable.Range(0, 40).Select(async i =>
        {
            await start.WaitAsync();
            return i % 2 == 0
                ? await client.PostAsync("/s/" + token, Form(("TC1", (i % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))))
                : await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC2"] = i % 5 + 1 } });
        }).ToList();
        start.Release(40);
        var answers = await Task.WhenAll(racers);

        Assert.Equal(1, ResponsesFor(token));
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.SeeOther, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        // The winner's answers are the stored ones; every loser was told the slip is taken, or that its identical answers are in.
        using var connection = _app.Database.Open();
        var stored = connection.QuerySingle<string>("SELECT answers FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @h",
            new { h = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) });
        Assert.Equal(1, stored.Count(c => c != '0'));
    }

    [Fact]
    public async Task A_double_tap_and_a_refresh_land_on_the_same_thank_you_page()
    {
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();
        await client.GetAsync("/s/" + token);

        var first = await client.PostAsync("/s/" + token, Form(("TC1", "5"), ("CC1", "4")));
        var second = await client.PostAsync("/s/" + token, Form(("TC1", "5"), ("CC1", "4")));
        var changed = await client.PostAsync("/s/" + token, Form(("TC1", "1")));
        var refresh = await client.GetAsync(first.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("đã được trả lời", await changed.Content.ReadAsStringAsync());
        Assert.Contains("đã được ghi nhận", await refresh.Content.ReadAsStringAsync());
        Assert.Equal(1, ResponsesFor(token));
    }

    [Fact]
    public async Task Every_slip_state_has_its_own_friendly_page_and_status()
    {
        var slips = await SlipApi.IssueAsync(_app, 3);
        string Token(int i) => slips[i].GetProperty("token").GetString()!;
        using var machine = People.WithKey(_app, People.SlipsKey(_app));
        await machine.PostAsJsonAsync($"/api/v1/slips/{slips[1].GetProperty("slipId").GetInt64()}/revoke", new { });
        using (var connection = _app.Database.Open())
            connection.Execute("UPDATE slips SET expires_at = 1 WHERE id = @id", new { id = slips[2].GetProperty("slipId").GetInt64() });
        using var client = _app.NewClient();
        await client.PostAsync("/s/" + Token(0), Form(("TC1", "5")));

        var answered = await client.GetAsync("/s/" + Token(0));
        var revoked = await client.GetAsync("/s/" + Token(1));
        var expired = await client.GetAsync("/s/" + Token(2));
        var unknown = await client.GetAsync("/s/AAAAAAAAAAAAAAAAAAAAAA");
        var english = await client.GetAsync("/s/" + Token(1) + "?lang=en");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("Mỗi phiếu chỉ được đánh giá một lần", await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Contains("đã được cán bộ hủy", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("hết hạn", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Nhập mã in trên phiếu", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("cancelled by the counter", await english.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_validation_error_comes_back_beside_the_item_with_every_answer_kept()
    {
        // Phường Phú Lương hands out Hà Nội's Mẫu số 02, which requires the field handled.
        using var admin = await People.AdminAsync(_app);
        long phuLuong;
        using (var connection = _app.Database.Open()) phuLuong = connection.ExecuteScalar<long>("SELECT id FROM counters WHERE commune_code = '09568'");
        var key = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Phú Lương", scope = "slips", counterIds = new[] { phuLuong } });
        using var machine = People.WithKey(_app, (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
        var issued = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = phuLuong });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0].GetProperty("token").GetString()!;
        using var client = _app.NewClient();

        var response = await client.PostAsync("/s/" + token, Form(("CC1", "5"), ("CC2", "7"), ("PA4", "2"), ("d.age", "25-34"), ("comment", "Xin cảm ơn <b>cán bộ</b>")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<p class=\"error\" id=\"e-CC2\">Mức đánh giá phải là một số từ 1 đến 5.</p>", html);
        Assert.Contains("<p class=\"error\" id=\"e-field\">Vui lòng chọn lĩnh vực/thủ tục đã giải quyết.</p>", html);
        Assert.Contains("name=\"CC1\" value=\"5\" checked", html);
        Assert.Contains("name=\"PA4\" value=\"2\" checked", html);
        Assert.Contains("name=\"d.age\" value=\"25-34\" checked", html);
        Assert.Contains("Xin cảm ơn &lt;b&gt;cán bộ&lt;/b&gt;</textarea>", html);
        Assert.Equal(0, ResponsesFor(token));

        var fixedUp = await client.PostAsync("/s/" + token, Form(("CC1", "5"), ("CC2", "4"), ("PA4", "2"), ("field", "Hộ tịch"), ("comment", "Xin cảm ơn <b>cán bộ</b>")));
        Assert.Equal(HttpStatusCode.SeeOther, fixedUp.StatusCode);
        using var stored = _app.Database.Open();
        var row = stored.QuerySingle<(string Answers, string Field, string Comment)>(
            "SELECT r.answers, r.field, r.comment FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @h", new { h = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) });
        Assert.Equal(("540000002", "Hộ tịch", "Xin cảm ơn <b>cán bộ</b>"), row);
    }

    [Fact]
    public async Task An_empty_form_asks_for_at_least_one_rating()
    {
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();

        var response = await client.PostAsync("/s/" + token, Form(("lang", "en")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please rate at least one statement", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_json_api_replays_a_retry_with_its_key_and_answers_anything_else_already_answered()
    {
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();
        var body = new { token, answers = new Dictionary<string, int?> { ["TC1"] = 5, ["TT2"] = 3, ["KQ3"] = null }, expectations = new Dictionary<string, int> { ["THONG_TIN"] = 3 }, demographics = new { gender = "nam" } };
        HttpRequestMessage Post(object content, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses") { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await client.SendAsync(Post(body, "k-1"));
        var retry = await client.SendAsync(Post(body, "k-1"));
        var otherKeySameAnswers = await client.SendAsync(Post(body, "k-2"));
        var different = await client.SendAsync(Post(new { token, answers = new Dictionary<string, int> { ["TC1"] = 1 } }, "k-3"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var original = await first.Content.ReadFromJsonAsync<JsonElement>();
        var replayed = await retry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(original.GetProperty("responseId").GetInt64(), replayed.GetProperty("responseId").GetInt64());
        Assert.Equal(original.GetProperty("submittedAt").GetString(), replayed.GetProperty("submittedAt").GetString());
        Assert.Equal("sipas-2023@1", original.GetProperty("questionnaireVersion").GetString());
        Assert.Equal(HttpStatusCode.Conflict, otherKeySameAnswers.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal((await otherKeySameAnswers.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            (await different.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("application/problem+json", different.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, ResponsesFor(token));
        using var connection = _app.Database.Open();
        var stored = connection.QuerySingle<(string Answers, string Expectations, string Key, string Source)>(
            "SELECT answers, expectations, idempotency_key, source FROM responses WHERE id = @id", new { id = original.GetProperty("responseId").GetInt64() });
        Assert.Equal(("5000030000000000000", "300000000", "k-1", "api"), stored);
    }

    [Theory]
    [InlineData("{\"token\":\"$T\",\"answers\":{\"TC1\":6}}", "TC1")]
    [InlineData("{\"token\":\"$T\",\"answers\":{\"NOPE\":5}}", "NOPE")]
    [InlineData("{\"token\":\"$T\",\"answers\":{\"TC1\":\"five\"}}", "answers")]
    [InlineData("{\"token\":\"$T\",\"answers\":{\"TC1\":5},\"demographics\":{\"gender\":\"khac\"}}", "demographics.gender")]
    [InlineData("{\"token\":\"$T\",\"answers\":{\"TC1\":5},\"expectations\":{\"THONG_TIN\":7}}", "expectations.THONG_TIN")]
    [InlineData("{\"token\":\"$T\",\"answers\":{\"TC1\":5},\"comment\":\"\\ud800 lone surrogate\"}", "comment")]
    [InlineData("{\"token\":\"$T\",\"answers\":{}}", "answers")]
    [InlineData("{\"answers\":{\"TC1\":5}}", "token")]
    public async Task Bad_api_submissions_get_problem_details_naming_the_field_and_store_nothing(string json, string field)
    {
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();

        var response = await client.PostAsync("/api/v1/responses", new StringContent(json.Replace("$T", token, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, ResponsesFor(token));
    }

    [Fact]
    public async Task A_comment_in_decomposed_unicode_is_stored_composed_with_every_diacritic()
    {
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();
        const string comment = "Thủ tục nhanh gọn, cán bộ nhiệt tình. Đề nghị thêm ghế chờ!";
        var decomposed = comment.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(comment, decomposed);

        var response = await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 4 }, comment = decomposed + "\u0007" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var connection = _app.Database.Open();
        Assert.Equal(comment, connection.ExecuteScalar<string>("SELECT comment FROM responses WHERE id = @id",
            new { id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responseId").GetInt64() }));
    }

    [Fact]
    public async Task Opening_the_form_records_when_it_was_first_opened()
    {
        var slip = (await SlipApi.IssueAsync(_app))[0];
        using var client = _app.NewClient();

        await client.GetAsync(SlipApi.PathOf(slip.GetProperty("url").GetString()!));
        DateTimeOffset? opened = null;
        for (var i = 0; i < 50 && opened is null; i++)
        {
            await Task.Delay(20);
            using var connection = _app.Database.Open();
            opened = connection.ExecuteScalar<DateTimeOffset?>("SELECT opened_at FROM slips WHERE id = @id", new { id = slip.GetProperty("slipId").GetInt64() });
        }

        Assert.NotNull(opened);
    }

    [Fact]
    public async Task What_is_stored_about_the_citizen_is_coarse_and_never_the_raw_address()
    {
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 Zalo android/12");

        await client.PostAsync("/s/" + token, Form(("TC1", "5")));

        using var connection = _app.Database.Open();
        var row = connection.QuerySingle<(byte[] Network, byte[] Device, string Family)>(
            "SELECT network_hash, device_hash, user_agent_family FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @h",
            new { h = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) });
        Assert.Equal(16, row.Network.Length);
        Assert.Equal("Zalo", row.Family);
        var dump = string.Join("\n", connection.Query<(byte[] Network, byte[] Device, string? Comment)>("SELECT network_hash, device_hash, comment FROM responses")
            .Select(r => Convert.ToHexString(r.Network) + Convert.ToHexString(r.Device) + r.Comment));
        Assert.DoesNotContain("203.0.113", dump);
        Assert.DoesNotContain(Convert.ToHexString([203, 0, 113]), dump);
    }
}
