using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Slips;

public sealed class IssueTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public IssueTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    private long Count(string sql, object? parameters = null)
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>(sql, parameters);
    }

    [Fact]
    public async Task The_integration_contract_answers_201_with_every_promised_field()
    {
        var slip = (await SlipApi.IssueAsync(_app, 1, new { procedureCode = "1.001193", field = "Hộ tịch", dossierCode = "000.00.01.H26-260930-0012" }))[0];

        foreach (var name in new[] { "token", "url", "code", "expiresAt", "qrSvgUrl", "qrPngUrl", "printUrl" })
            Assert.True(slip.TryGetProperty(name, out _), name + " missing");
        var token = slip.GetProperty("token").GetString()!;
        Assert.Equal("http://localhost/s/" + token, slip.GetProperty("url").GetString());
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$", slip.GetProperty("code").GetString());
        var expires = slip.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(13.99), TimeSpan.FromDays(14));
    }

    [Fact]
    public async Task The_png_and_svg_qr_codes_decode_to_the_survey_url_which_opens_the_form()
    {
        var slip = (await SlipApi.IssueAsync(_app))[0];
        using var client = _app.NewClient();
        var url = slip.GetProperty("url").GetString()!;

        var png = await client.GetByteArrayAsync(SlipApi.PathOf(slip.GetProperty("qrPngUrl").GetString()!));
        var svg = await client.GetByteArrayAsync(SlipApi.PathOf(slip.GetProperty("qrSvgUrl").GetString()!));
        var fromPng = await Zbar.DecodeAsync(png, "png");
        var fromSvg = await Zbar.DecodeAsync(svg, "svg");
        var form = await client.GetAsync(SlipApi.PathOf(fromPng));

        Assert.Equal(url, fromPng);
        Assert.Equal(url, fromSvg);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Phường Hoàn Kiếm", html);
        Assert.Contains("<form method=\"post\" data-survey", html);   // posts back to the survey address itself
    }

    [Fact]
    public async Task With_includeQrSvg_each_slip_carries_its_qr_which_decodes_to_its_own_url()
    {
        var slips = await SlipApi.IssueAsync(_app, 2, new { includeQrSvg = true });
        var plain = (await SlipApi.IssueAsync(_app))[0];

        foreach (var slip in slips)
            Assert.Equal(slip.GetProperty("url").GetString(), await Zbar.DecodeAsync(Encoding.UTF8.GetBytes(slip.GetProperty("qrSvg").GetString()!), "svg"));
        Assert.NotEqual(slips[0].GetProperty("qrSvg").GetString(), slips[1].GetProperty("qrSvg").GetString());
        Assert.False(plain.TryGetProperty("qrSvg", out _));
    }

    [Fact]
    public async Task Tokens_are_128_bit_random_unique_and_stored_only_as_hashes()
    {
        var slips = await SlipApi.IssueAsync(_app, 500);
        var tokens = slips.Select(s => s.GetProperty("token").GetString()!).ToList();
        var codes = slips.Select(s => FallbackCode.Normalize(s.GetProperty("code").GetString())!).ToList();

        Assert.Equal(500, tokens.Distinct().Count());
        Assert.Equal(500, codes.Distinct().Count());
        Assert.All(tokens, t => Assert.Equal(16, Convert.FromBase64String(t.Replace('-', '+').Replace('_', '/') + "==").Length));
        // Each token bit is roughly a fair coin over 500 tokens: nothing structural like counters or timestamps.
        var bits = tokens.Select(t => Convert.FromBase64String(t.Replace('-', '+').Replace('_', '/') + "==")).ToList();
        for (var bit = 0; bit < 128; bit++)
        {
            var ones = bits.Count(b => (b[bit / 8] >> (bit % 8) & 1) == 1);
            Assert.InRange(ones, 180, 320);
        }
        using var connection = _app.Database.Open();
        var stored = connection.Query<(byte[] TokenHash, byte[] CodeHash)>("SELECT token_hash, code_hash FROM slips").ToList();
        Assert.Contains(stored, s => s.TokenHash.SequenceEqual(SHA256.HashData(Encoding.ASCII.GetBytes(tokens[0]))));
        var everything = string.Join("\n", connection.Query<(byte[]? Token, byte[]? Code, byte[]? Seed, string? Dossier, string? Field)>(
                "SELECT token_hash, code_hash, seed, dossier_code, field FROM slips")
            .Select(s => Hex(s.Token) + Hex(s.Code) + Hex(s.Seed) + s.Dossier + s.Field));
        Assert.DoesNotContain(tokens[0], everything);
        Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(tokens[0])), everything);
        Assert.DoesNotContain(Convert.ToHexString(Encoding.ASCII.GetBytes(codes[0])), everything);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("' OR 1=1 --")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public async Task Guessed_or_bogus_tokens_find_nothing_and_never_fail(string token)
    {
        using var client = _app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/s/" + token);
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);
        var qr = await client.GetAsync("/s/" + token + "/qr.svg");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.OK });
        if (response.StatusCode == HttpStatusCode.OK) Assert.Equal("", token); // the empty token is the home route's sibling: never a slip
        else Assert.Contains("Không", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, qr.StatusCode);
    }

    [Fact]
    public async Task A_sheet_is_all_or_nothing()
    {
        using (var connection = _app.Database.Open())
            connection.Execute(TestEngine.IsPostgreSql
                ? """
                  CREATE FUNCTION fail_fifth_of_sheet() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN
                      IF (SELECT count(*) FROM slips WHERE dossier_code = 'SHEET-FAIL') >= 4 THEN RAISE EXCEPTION 'injected failure'; END IF;
                      RETURN NEW;
                  END $$;
                  CREATE TRIGGER fail_fifth_of_sheet BEFORE INSERT ON slips FOR EACH ROW EXECUTE FUNCTION fail_fifth_of_sheet();
                  """
                : "CREATE TRIGGER fail_fifth_of_sheet BEFORE INSERT ON slips WHEN (SELECT count(*) FROM slips WHERE dossier_code = 'SHEET-FAIL') >= 4 BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        var slipsBefore = Count("SELECT count(*) FROM slips");
        var issuedBefore = Count("SELECT coalesce(sum(issued), 0) FROM daily_slip_stats WHERE dimension = ''");
        try
        {
            using var client = People.WithKey(_app, People.SlipsKey(_app));
            var response = await client.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId, count = 10, dossierCode = "SHEET-FAIL" });

            Assert.False(response.IsSuccessStatusCode);
            Assert.Equal(slipsBefore, Count("SELECT count(*) FROM slips"));
            Assert.Equal(issuedBefore, Count("SELECT coalesce(sum(issued), 0) FROM daily_slip_stats WHERE dimension = ''"));
        }
        finally
        {
            using var connection = _app.Database.Open();
            connection.Execute(TestEngine.IsPostgreSql ? "DROP TRIGGER fail_fifth_of_sheet ON slips; DROP FUNCTION fail_fifth_of_sheet()" : "DROP TRIGGER fail_fifth_of_sheet");
        }
    }

    public static TheoryData<string, object, HttpStatusCode, string> BadRequests => new()
    {
        { "unknown counter", new { counterId = 987654 }, HttpStatusCode.NotFound, "Counter 987654 does not exist or is not assigned" },
        { "batch too large", new { count = 501 }, HttpStatusCode.BadRequest, "count must be between 1 and 500" },
        { "zero slips", new { count = 0 }, HttpStatusCode.BadRequest, "count must be between 1 and 500" },
        { "malformed procedure code", new { procedureCode = "1001193" }, HttpStatusCode.BadRequest, "procedureCode '1001193' is malformed" },
        { "malformed dossier code", new { dossierCode = "<script>" }, HttpStatusCode.BadRequest, "is malformed" },
        { "unknown field", new { field = "Thiên văn" }, HttpStatusCode.BadRequest, "field 'Thiên văn' is not a known procedure field" },
        { "staff not at this counter", new { staffId = 999 }, HttpStatusCode.BadRequest, "Staff member 999 is not assigned to counter" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_precise_error_and_writes_nothing(string _, object overrides, HttpStatusCode status, string message)
    {
        using var client = People.WithKey(_app, People.SlipsKey(_app));
        var body = new Dictionary<string, object?> { ["counterId"] = _app.Demo.CounterId, ["count"] = 1 };
        foreach (var property in overrides.GetType().GetProperties()) body[property.Name] = property.GetValue(overrides);
        var before = Count("SELECT count(*) FROM slips");

        var response = await client.PostAsJsonAsync("/api/v1/slips", body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, Count("SELECT count(*) FROM slips"));
    }

    [Fact]
    public async Task Malformed_json_and_wrong_types_are_problem_details_not_500()
    {
        using var client = People.WithKey(_app, People.SlipsKey(_app));

        var broken = await client.PostAsync("/api/v1/slips", new StringContent("{\"counterId\": 1,", Encoding.UTF8, "application/json"));
        var wrongType = await client.PostAsync("/api/v1/slips", new StringContent("{\"counterId\": \"one\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_key_cannot_issue_for_a_counter_it_is_not_bound_to()
    {
        using var client = People.WithKey(_app, People.SlipsKey(_app));
        var otherCounter = Count("SELECT id FROM counters WHERE commune_code = '09832' LIMIT 1");

        var response = await client.PostAsJsonAsync("/api/v1/slips", new { counterId = otherCounter });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Staff_issue_for_their_own_counters_only_and_other_roles_not_at_all()
    {
        var otherCounter = Count("SELECT id FROM counters WHERE commune_code = '09832' LIMIT 1");
        using var staff = await People.StaffAsync(_app);
        using var leader = await People.LeaderAsync(_app);
        using var reports = People.WithKey(_app, People.ReportsKey(_app));
        using var anonymous = _app.NewClient();

        var own = await staff.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId });
        var foreign = await staff.PostAsJsonAsync("/api/v1/slips", new { counterId = otherCounter });
        var byLeader = await leader.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId });
        var byReportsKey = await reports.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId });
        var byNobody = await anonymous.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLeader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReportsKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        var slipId = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0].GetProperty("slipId").GetInt64();
        Assert.Equal(1, Count("SELECT count(*) FROM slips s JOIN users u ON u.id = s.staff_id WHERE s.id = @slipId AND u.username = 'canbo.hoankiem'", new { slipId }));
    }

    [Fact]
    public async Task A_revoked_key_stops_working_on_its_next_request()
    {
        using var admin = await People.AdminAsync(_app);
        var created = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Một cửa tạm", scope = "slips", counterIds = new[] { _app.Demo.CounterId } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var machine = People.WithKey(_app, body.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.Created, (await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId })).StatusCode);

        await admin.PostAsJsonAsync($"/api/v1/admin/api-keys/{body.GetProperty("apiKey").GetProperty("id").GetInt64()}/revoke", new { });
        var after = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId });

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Bearer", after.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Issued_slips_are_counted_for_the_commune_counter_field_and_procedure()
    {
        await SlipApi.IssueAsync(_app, 3, new { field = "Chứng thực", procedureCode = "2.000815" });
        var day = SipasSurvey.Domain.Time.VietnamTime.DayKey(DateTimeOffset.UtcNow);
        using var connection = _app.Database.Open();

        long Issued(string dimension, string key) => connection.ExecuteScalar<long>(
            "SELECT coalesce(sum(issued), 0) FROM daily_slip_stats WHERE commune_code = '00070' AND day = @day AND dimension = @dimension AND dimension_key = @key",
            new { day, dimension, key });

        Assert.True(Issued("field", "Chứng thực") >= 3);
        Assert.True(Issued("procedure", "2.000815") >= 3);
        Assert.Equal(connection.ExecuteScalar<long>("SELECT count(*) FROM slips WHERE commune_code = '00070' AND revoked_at IS NULL AND channel = 'slip'"),
            connection.ExecuteScalar<long>("SELECT coalesce(sum(issued), 0) FROM daily_slip_stats WHERE commune_code = '00070' AND dimension = '' AND channel = 'slip'"));
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "" : Convert.ToHexString(bytes);
}
