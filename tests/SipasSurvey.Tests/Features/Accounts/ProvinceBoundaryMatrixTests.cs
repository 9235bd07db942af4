using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using FastEndpoints;
using SipasSurvey.Web.Identity;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Accounts;

/// <summary>
/// Every administrative endpoint × {own province, other province} × {read, write}, with Hà Nội's
/// administrator as the caller and Thành phố Hồ Chí Minh (79) as the other province. Reads of the own
/// province see its objects and never the other's; writes on the own province succeed and on the
/// other are refused (404 for an object addressed by id, 400/409 for one named in the body), and at
/// the end every row of province 79 is exactly as it was. An administrative endpoint missing here
/// fails the test.
/// </summary>
public sealed class ProvinceBoundaryMatrixTests(TwoProvinceApp app) : IClassFixture<TwoProvinceApp>
{
    private sealed record Case(Func<Task<string?>> Own, Func<Task<string?>> Other);

    [Fact]
    public async Task Every_administrative_endpoint_stays_inside_the_callers_province_for_reads_and_writes()
    {
        using var admin = await People.AdminAsync(app);
        var own = await OwnObjectsAsync(admin);
        var before = ProvinceFingerprint(TwoProvinceApp.Hcm);
        var hcmMarker = TwoProvinceApp.HcmAdmin;
        var cases = Cases(admin, own, hcmMarker);

        var administrative = EndpointCatalog.All(app.Services)
            .Where(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == Policies.Administer))
            .SelectMany(e => e.Metadata.GetMetadata<EndpointDefinition>()!.Verbs.Select(v => $"{v} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToList();
        Assert.Empty(administrative.Except(cases.Keys));

        var failures = new List<string>();
        foreach (var (key, test) in cases)
        {
            if (await test.Own() is { } ownFailure) failures.Add($"{key} own: {ownFailure}");
            var tracesBefore = app.Scalar<long>("SELECT count(*) FROM audit_log WHERE province_code = '79' AND action LIKE '%-refused'");
            if (await test.Other() is { } otherFailure) failures.Add($"{key} other: {otherFailure}");
            // A refused write leaves a trace where the other province's administrators read it.
            if (!key.StartsWith("GET ", StringComparison.Ordinal)
                && app.Scalar<long>("SELECT count(*) FROM audit_log WHERE province_code = '79' AND action LIKE '%-refused'") == tracesBefore)
                failures.Add($"{key} other: refused without a trace in province 79's audit log");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, ProvinceFingerprint(TwoProvinceApp.Hcm));
    }

    private sealed record Own(long CounterId, long PosterCounterId, long UserId, long ResetUserId, long KeyId, long DraftId, long VersionId);

    private async Task<Own> OwnObjectsAsync(HttpClient admin)
    {
        var version = app.Scalar<long>("SELECT id FROM questionnaire_versions WHERE questionnaire_id = 'sipas-2023'");
        var poster = await Json(await admin.PostAsJsonAsync("/api/v1/admin/counters", new { communeCode = "00070", name = "Quầy QR dán tường", questionnaireVersionId = version }));
        await admin.PutAsJsonAsync($"/api/v1/admin/counters/{poster.GetProperty("id").GetInt64()}", new { posterEnabled = true });
        var user = await Json(await admin.PostAsJsonAsync("/api/v1/admin/users", new { username = "lanhdao.matran", displayName = "Lãnh đạo", role = "leader", communeCode = "00070" }));
        var reset = await Json(await admin.PostAsJsonAsync("/api/v1/admin/users", new { username = "canbo.matran", displayName = "Cán bộ", role = "staff", communeCode = "00070" }));
        var key = await Json(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "BI Hà Nội (ma trận)", scope = "reports" }));
        var definition = Questionnaire("hn-ma-tran", 1);
        var draft = await Json(await admin.PostAsync("/api/v1/admin/questionnaires", new StringContent(definition, Encoding.UTF8, "application/json")));
        return new Own(app.Demo.CounterId, poster.GetProperty("id").GetInt64(), user.GetProperty("user").GetProperty("id").GetInt64(),
            reset.GetProperty("user").GetProperty("id").GetInt64(), key.GetProperty("apiKey").GetProperty("id").GetInt64(), draft.GetProperty("versionId").GetInt64(), version);
    }

    private Dictionary<string, Case> Cases(HttpClient admin, Own own, string hcmMarker)
    {
        Task<HttpResponseMessage> Get(string path) => admin.GetAsync(path);
        Task<HttpResponseMessage> Form(string page, string action, params (string, string)[] fields) =>
            People.PostFormAsync(admin, page, action, fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        async Task<HttpResponseMessage> Upload(string page, string action, string fileName, string content, params (string, string)[] fields)
        {
            var multipart = new MultipartFormDataContent { { new StringContent(await People.AntiforgeryTokenAsync(admin, page)), "__af" } };
            multipart.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName);
            foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
            return await admin.PostAsync(action, multipart);
        }
        string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hcmCounter = app.HcmCounterId;
        var hcmUser = app.HcmStaffId;
        var hcmKey = app.HcmReportsKeyId;
        var hcmDraft = app.HcmDraftVersionId;
        var hcmQuestionnaire = Questionnaire(TwoProvinceApp.HcmQuestionnaire, 2, "Phiếu bị sửa");

        return new()
        {
            ["GET /admin"] = new(() => Status(Get("/admin"), 200), () => Excludes(Get("/admin"), hcmMarker)),
            ["GET /admin/audit"] = new(() => Includes(Get("/admin/audit"), "admin.hanoi"), () => Excludes(Get("/admin/audit"), hcmMarker)),
            ["GET /api/v1/admin/audit"] = new(() => Includes(Get("/api/v1/admin/audit?limit=1000"), "admin.hanoi"), () => Excludes(Get("/api/v1/admin/audit?limit=1000"), hcmMarker)),
            ["GET /admin/counters"] = new(() => Includes(Get("/admin/counters"), "Quầy QR dán tường"), () => Excludes(Get("/admin/counters"), "Phường Sài Gòn")),
            ["GET /api/v1/admin/counters"] = new(() => Includes(Get("/api/v1/admin/counters"), "Quầy QR dán tường"), () => Excludes(Get("/api/v1/admin/counters"), "Phường Sài Gòn")),
            ["GET /admin/counters/{id}"] = new(() => Status(Get($"/admin/counters/{own.CounterId}"), 200), () => Status(Get($"/admin/counters/{hcmCounter}"), 404)),
            ["GET /admin/counters/{id}/poster"] = new(() => Status(Get($"/admin/counters/{own.PosterCounterId}/poster"), 200), () => Status(Get($"/admin/counters/{hcmCounter}/poster"), 404)),
            ["POST /admin/counters"] = new(
                () => Status(Form("/admin/counters", "/admin/counters", ("communeCode", "00070"), ("name", "Quầy mới (form)"), ("questionnaireVersionId", Id(own.VersionId))), 302),
                () => Status(Form("/admin/counters", "/admin/counters", ("communeCode", TwoProvinceApp.HcmCommune), ("name", "Quầy lấn sang"), ("questionnaireVersionId", Id(own.VersionId))), 400)),
            ["POST /api/v1/admin/counters"] = new(
                () => Status(admin.PostAsJsonAsync("/api/v1/admin/counters", new { communeCode = "00070", name = "Quầy mới (API)", questionnaireVersionId = own.VersionId }), 201),
                () => Status(admin.PostAsJsonAsync("/api/v1/admin/counters", new { communeCode = TwoProvinceApp.HcmCommune, name = "Quầy lấn sang", questionnaireVersionId = own.VersionId }), 400)),
            ["POST /admin/counters/{id}"] = new(
                () => Status(Form($"/admin/counters/{own.CounterId}", $"/admin/counters/{own.CounterId}", ("communeCode", "00070"), ("name", "Quầy số 1 — Bộ phận Một cửa"), ("questionnaireVersionId", Id(own.VersionId)), ("active", "true")), 302),
                () => Status(Form($"/admin/counters/{own.CounterId}", $"/admin/counters/{hcmCounter}", ("name", "Đổi tên trái phép")), 404)),
            ["POST /admin/counters/{id}/screens"] = new(
                () => Status(Form($"/admin/counters/{own.CounterId}", $"/admin/counters/{own.CounterId}/screens"), 200),
                () => Status(Form($"/admin/counters/{own.CounterId}", $"/admin/counters/{hcmCounter}/screens"), 404)),
            ["PUT /api/v1/admin/counters/{id}"] = new(
                () => Status(admin.PutAsJsonAsync($"/api/v1/admin/counters/{own.CounterId}", new { name = "Quầy số 1 — Bộ phận Một cửa" }), 200),
                async () => await Status(admin.PutAsJsonAsync($"/api/v1/admin/counters/{hcmCounter}", new { name = "Đổi tên trái phép" }), 404)
                            ?? await Status(admin.PutAsJsonAsync($"/api/v1/admin/counters/{own.PosterCounterId}", new { communeCode = TwoProvinceApp.HcmCommune }), 400)),
            ["GET /admin/users"] = new(() => Includes(Get("/admin/users"), "lanhdao.matran"), () => Excludes(Get("/admin/users"), "canbo.saigon")),
            ["GET /api/v1/admin/users"] = new(() => Includes(Get("/api/v1/admin/users"), "lanhdao.matran"), () => Excludes(Get("/api/v1/admin/users"), "canbo.saigon")),
            ["GET /admin/users/{id}"] = new(() => Status(Get($"/admin/users/{own.UserId}"), 200), () => Status(Get($"/admin/users/{hcmUser}"), 404)),
            ["POST /admin/users"] = new(
                () => Status(Form("/admin/users", "/admin/users", ("username", "canbo.form"), ("displayName", "Cán bộ form"), ("role", "staff"), ("communeCode", "00070")), 200),
                async () => await Status(Form("/admin/users", "/admin/users", ("username", "canbo.lan"), ("displayName", "Lấn"), ("role", "staff"), ("communeCode", TwoProvinceApp.HcmCommune)), 400)
                            ?? await Status(Form("/admin/users", "/admin/users", ("username", "canbo.lan2"), ("displayName", "Lấn"), ("role", "staff"), ("communeCode", "00070"), ("counterIds", Id(hcmCounter))), 400)),
            ["POST /api/v1/admin/users"] = new(
                () => Status(admin.PostAsJsonAsync("/api/v1/admin/users", new { username = "canbo.api.matran", displayName = "Cán bộ", role = "staff", communeCode = "00070", counterIds = new[] { own.CounterId } }), 201),
                async () => await Status(admin.PostAsJsonAsync("/api/v1/admin/users", new { username = "lanhdao.lan", displayName = "Lấn", role = "leader", communeCode = TwoProvinceApp.HcmCommune }), 400)
                            ?? await Status(admin.PostAsJsonAsync("/api/v1/admin/users", new { username = "canbo.lan3", displayName = "Lấn", role = "staff", communeCode = "00070", counterIds = new[] { hcmCounter } }), 400)),
            ["POST /admin/users/{id}"] = new(
                () => Status(Form($"/admin/users/{own.UserId}", $"/admin/users/{own.UserId}", ("displayName", "Lãnh đạo (sửa)"), ("role", "leader"), ("communeCode", "00070"), ("active", "true")), 302),
                () => Status(Form($"/admin/users/{own.UserId}", $"/admin/users/{hcmUser}", ("displayName", "Chiếm"), ("role", "staff"), ("communeCode", "00070"), ("active", "true")), 404)),
            ["PUT /api/v1/admin/users/{id}"] = new(
                () => Status(admin.PutAsJsonAsync($"/api/v1/admin/users/{own.UserId}", new { displayName = "Lãnh đạo (API)" }), 200),
                async () => await Status(admin.PutAsJsonAsync($"/api/v1/admin/users/{hcmUser}", new { active = false }), 404)
                            ?? await Status(admin.PutAsJsonAsync($"/api/v1/admin/users/{own.UserId}", new { communeCode = TwoProvinceApp.HcmCommune }), 400)),
            ["POST /admin/users/{id}/reset-password"] = new(
                () => Status(Form($"/admin/users/{own.ResetUserId}", $"/admin/users/{own.ResetUserId}/reset-password"), 200),
                () => Status(Form($"/admin/users/{own.ResetUserId}", $"/admin/users/{hcmUser}/reset-password"), 404)),
            ["POST /api/v1/admin/users/{id}/reset-password"] = new(
                () => Status(admin.PostAsJsonAsync($"/api/v1/admin/users/{own.ResetUserId}/reset-password", new { }), 200),
                () => Status(admin.PostAsJsonAsync($"/api/v1/admin/users/{hcmUser}/reset-password", new { }), 404)),
            ["GET /admin/api-keys"] = new(() => Includes(Get("/admin/api-keys"), "BI Hà Nội (ma trận)"), () => Excludes(Get("/admin/api-keys"), "BI TP.HCM")),
            ["GET /api/v1/admin/api-keys"] = new(() => Includes(Get("/api/v1/admin/api-keys"), "BI Hà Nội (ma trận)"), () => Excludes(Get("/api/v1/admin/api-keys"), "BI TP.HCM")),
            ["POST /admin/api-keys"] = new(
                () => Status(Form("/admin/api-keys", "/admin/api-keys", ("name", "Khóa form"), ("scope", "slips"), ("counterIds", Id(own.CounterId))), 200),
                async () => await Status(Form("/admin/api-keys", "/admin/api-keys", ("name", "Khóa lấn"), ("scope", "slips"), ("counterIds", Id(hcmCounter))), 400)
                            ?? await Status(Form("/admin/api-keys", "/admin/api-keys", ("name", "Khóa lấn"), ("scope", "reports"), ("communeCode", TwoProvinceApp.HcmCommune)), 400)),
            ["POST /api/v1/admin/api-keys"] = new(
                () => Status(admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Khóa API", scope = "reports", communeCode = "00070" }), 201),
                async () => await Status(admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Khóa lấn", scope = "slips", counterIds = new[] { hcmCounter } }), 400)
                            ?? await Status(admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Khóa lấn", scope = "reports", communeCode = TwoProvinceApp.HcmCommune }), 400)),
            ["POST /admin/api-keys/{id}/revoke"] = new(
                () => Status(Form("/admin/api-keys", $"/admin/api-keys/{own.KeyId}/revoke"), 302),
                () => Status(Form("/admin/api-keys", $"/admin/api-keys/{hcmKey}/revoke"), 404)),
            ["POST /api/v1/admin/api-keys/{id}/revoke"] = new(
                () => Status(admin.PostAsJsonAsync($"/api/v1/admin/api-keys/{own.KeyId}/revoke", new { }), 200),
                () => Status(admin.PostAsJsonAsync($"/api/v1/admin/api-keys/{hcmKey}/revoke", new { }), 404)),
            ["GET /admin/questionnaires"] = new(() => Includes(Get("/admin/questionnaires"), "hn-ma-tran"), () => Excludes(Get("/admin/questionnaires"), TwoProvinceApp.HcmQuestionnaire)),
            ["GET /api/v1/admin/questionnaires"] = new(() => Includes(Get("/api/v1/admin/questionnaires"), "hn-ma-tran"), () => Excludes(Get("/api/v1/admin/questionnaires"), TwoProvinceApp.HcmQuestionnaire)),
            ["POST /admin/questionnaires"] = new(
                () => Status(Upload("/admin/questionnaires", "/admin/questionnaires", "hn.json", Questionnaire("hn-ma-tran-form", 1)), 200),
                () => Status(Upload("/admin/questionnaires", "/admin/questionnaires", "hcm.json", hcmQuestionnaire, ("publish", "true")), 400)),
            ["POST /api/v1/admin/questionnaires"] = new(
                () => Status(admin.PostAsync("/api/v1/admin/questionnaires", new StringContent(Questionnaire("hn-ma-tran-api", 1), Encoding.UTF8, "application/json")), 200),
                () => Status(admin.PostAsync("/api/v1/admin/questionnaires?publish=true", new StringContent(hcmQuestionnaire, Encoding.UTF8, "application/json")), 409)),
            ["POST /admin/questionnaires/{id}/publish"] = new(
                () => Status(Form("/admin/questionnaires", $"/admin/questionnaires/{own.DraftId}/publish"), 302),
                () => Status(Form("/admin/questionnaires", $"/admin/questionnaires/{hcmDraft}/publish"), 404)),
            ["POST /api/v1/admin/questionnaires/{id}/publish"] = new(
                () => Status(admin.PostAsJsonAsync($"/api/v1/admin/questionnaires/{own.DraftId}/publish", new { }), 200),
                () => Status(admin.PostAsJsonAsync($"/api/v1/admin/questionnaires/{hcmDraft}/publish", new { }), 404)),
            ["GET /reports/provinces/{provinceCode}"] = new(() => Status(Get("/reports/provinces/01"), 200), () => Status(Get("/reports/provinces/79"), 404)),
            ["GET /admin/units"] = new(() => Status(Get("/admin/units"), 200), () => Excludes(Get("/admin/units"), "Phường Sài Gòn")),
            ["POST /admin/units"] = new(
                () => Status(Upload("/admin/units", "/admin/units", "hn.csv", "ma_xa,ten,loai,ma_tinh\n00004,Phường Ba Đình,phuong,01"), 200),
                () => Status(Upload("/admin/units", "/admin/units", "hcm.csv", $"ma_xa,ten,loai,ma_tinh\n{TwoProvinceApp.HcmCommune},Phường bị chiếm,phuong,01"), 400)),
            ["POST /api/v1/admin/units/import"] = new(
                () => Status(admin.PostAsync("/api/v1/admin/units/import", new StringContent("ma_xa,ten,loai,ma_tinh\n00004,Phường Ba Đình,phuong,01", Encoding.UTF8, "text/csv")), 200),
                () => Status(admin.PostAsync("/api/v1/admin/units/import", new StringContent($"ma_xa,ten,loai,ma_tinh\n{TwoProvinceApp.HcmSecondCommune},Phường bị chiếm,phuong,01", Encoding.UTF8, "text/csv")), 400)),
        };
    }

    /// <summary>Every row that belongs to a province, serialised: units, counters, people, their bindings, keys, owned questionnaires.</summary>
    private string ProvinceFingerprint(string province)
    {
        using var connection = app.Database.Open();
        var parts = new[]
        {
            connection.Query<string>("SELECT code || name || unit_type || valid_from || coalesce(valid_to, '') FROM communes WHERE province_code = @province ORDER BY code", new { province }),
            connection.Query<string>(
                """
                SELECT c.id || c.commune_code || c.name || coalesce(CAST(c.questionnaire_version_id AS TEXT), '') || c.active || c.poster_enabled
                FROM counters c JOIN communes m ON m.code = c.commune_code WHERE m.province_code = @province ORDER BY c.id
                """, new { province }),
            connection.Query<string>(
                "SELECT id || username || display_name || role || coalesce(commune_code, '') || active || password_hash || security_stamp FROM users WHERE province_code = @province ORDER BY id",
                new { province }),
            connection.Query<string>("SELECT sc.user_id || ':' || sc.counter_id FROM staff_counters sc JOIN users u ON u.id = sc.user_id WHERE u.province_code = @province ORDER BY 1", new { province }),
            connection.Query<string>("SELECT id || name || scope || coalesce(commune_code, '') || coalesce(CAST(revoked_at AS TEXT), '') FROM api_keys WHERE province_code = @province ORDER BY id", new { province }),
            connection.Query<string>("SELECT k.api_key_id || ':' || k.counter_id FROM api_key_counters k JOIN api_keys a ON a.id = k.api_key_id WHERE a.province_code = @province ORDER BY 1", new { province }),
            connection.Query<string>("SELECT id || questionnaire_id || version || checksum || status FROM questionnaire_versions WHERE owner_province_code = @province ORDER BY id", new { province }),
        };
        return string.Join("\n---\n", parts.Select(p => string.Join("\n", p)));
    }

    private static string Questionnaire(string id, int version, string? title = null)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(TempFolder.Samples, "questionnaires", "hn-mau-02.json")))!.AsObject();
        definition["id"] = id;
        definition["version"] = version;
        if (title is not null) definition["title"] = new JsonObject { ["vi"] = title, ["en"] = title };
        return definition.ToJsonString();
    }

    private static async Task<string?> Status(Task<HttpResponseMessage> send, int expected)
    {
        using var response = await send;
        return (int)response.StatusCode == expected ? null : $"{(int)response.StatusCode}, expected {expected}: {Short(await response.Content.ReadAsStringAsync())}";
    }

    private static async Task<string?> Includes(Task<HttpResponseMessage> send, string text)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && body.Contains(text, StringComparison.Ordinal) ? null : $"{(int)response.StatusCode}, '{text}' missing";
    }

    private static async Task<string?> Excludes(Task<HttpResponseMessage> send, string text)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && !body.Contains(text, StringComparison.Ordinal) ? null : $"{(int)response.StatusCode}, '{text}' shown";
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
