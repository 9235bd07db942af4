using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Admin;

public sealed class AdministrationTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public AdministrationTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    private long AuditCount(string action, string? target = null)
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = @action AND (@target IS NULL OR target = @target)", new { action, target });
    }

    private long SipasVersionId()
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT id FROM questionnaire_versions WHERE questionnaire_id = 'sipas-2023' AND version = 1");
    }

    [Fact]
    public async Task Counter_create_and_update_are_audited_with_who_and_from_where()
    {
        using var admin = await People.AdminAsync(_app);

        var created = await admin.PostAsJsonAsync("/api/v1/admin/counters", new { communeCode = "09832", name = "Quầy số 3 — Hoài Đức", questionnaireVersionId = SipasVersionId() });
        var counter = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = counter.GetProperty("id").GetInt64();
        var updated = await admin.PutAsJsonAsync($"/api/v1/admin/counters/{id}", new { name = "Quầy số 3 (mới)", active = false });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var updatedText = await updated.Content.ReadAsStringAsync();
        Assert.Contains("\"active\":false", updatedText);
        using var connection = _app.Database.Open();
        var entry = connection.QuerySingle<(string Actor, string RemoteAddress, string Details)>(
            "SELECT actor, remote_address, details FROM audit_log WHERE action = 'counter.create' AND target = @target", new { target = $"counter:{id}" });
        Assert.Contains("admin.hanoi", entry.Actor);
        Assert.Equal("203.0.113.7", entry.RemoteAddress);
        Assert.Contains("Quầy số 3 — Hoài Đức", entry.Details);
        Assert.Equal(1, AuditCount("counter.update", $"counter:{id}"));
    }

    [Fact]
    public async Task A_bad_counter_is_refused_field_by_field_and_nothing_is_written()
    {
        using var admin = await People.AdminAsync(_app);
        using var connection = _app.Database.Open();
        var before = connection.ExecuteScalar<long>("SELECT count(*) FROM counters");

        var response = await admin.PostAsJsonAsync("/api/v1/admin/counters", new { communeCode = "99999", name = "", questionnaireVersionId = 424242 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("communeCode", text);
        Assert.Contains("name", text);
        Assert.Contains("questionnaireVersionId", text);
        Assert.Equal(before, connection.ExecuteScalar<long>("SELECT count(*) FROM counters"));
    }

    [Fact]
    public async Task User_create_update_and_password_reset_are_audited_without_the_password()
    {
        using var admin = await People.AdminAsync(_app);

        var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { username = "lanhdao.phuluong", displayName = "Lãnh đạo Phú Lương", role = "leader", communeCode = "09568" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("user").GetProperty("id").GetInt64();
        var password = body.GetProperty("temporaryPassword").GetString()!;
        var updated = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { displayName = "Chủ tịch UBND phường Phú Lương" });
        var reset = await admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/reset-password", new { });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(1, AuditCount("user.create", $"user:{id}"));
        Assert.Equal(1, AuditCount("user.update", $"user:{id}"));
        Assert.Equal(1, AuditCount("user.reset-password", $"user:{id}"));
        using var connection = _app.Database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE details LIKE @p", new { p = "%" + password + "%" }));
        using var old = _app.NewClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await People.SignInAsync(old, "lanhdao.phuluong", password)).StatusCode);
    }

    [Fact]
    public async Task Staff_can_only_be_assigned_counters_of_their_own_commune()
    {
        using var admin = await People.AdminAsync(_app);
        using var connection = _app.Database.Open();
        var otherCommuneCounter = connection.ExecuteScalar<long>("SELECT min(id) FROM counters WHERE commune_code = '09832'");

        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            username = "canbo.sai.quay", displayName = "Cán bộ", role = "staff", communeCode = "00070", counterIds = new[] { otherCommuneCounter },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("counterIds", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_key_create_and_revoke_are_audited_and_the_key_is_stored_only_as_a_hash()
    {
        using var admin = await People.AdminAsync(_app);

        var created = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "BI thành phố", scope = "reports" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("apiKey").GetProperty("id").GetInt64();
        var key = body.GetProperty("key").GetString()!;
        var revoked = await admin.PostAsJsonAsync($"/api/v1/admin/api-keys/{id}/revoke", new { });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(1, AuditCount("apikey.create", $"apikey:{id}"));
        Assert.Equal(1, AuditCount("apikey.revoke", $"apikey:{id}"));
        using var connection = _app.Database.Open();
        var dump = string.Join("\n", connection.Query<(byte[] Hash, string Prefix, string Name)>("SELECT secret_hash, prefix, name FROM api_keys")
            .Select(row => Convert.ToHexString(row.Hash) + row.Prefix + row.Name));
        Assert.DoesNotContain(key, dump);
        Assert.DoesNotContain(key[10..], dump);
    }

    [Fact]
    public async Task Questionnaire_import_and_publish_are_audited_and_problems_come_with_json_paths()
    {
        using var admin = await People.AdminAsync(_app);
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(TempFolder.Samples, "questionnaires", "hn-mau-02.json")))!.AsObject();
        definition["id"] = "hn-mau-02-thu";
        var draft = await admin.PostAsync("/api/v1/admin/questionnaires", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));
        var versionId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionId").GetInt64();
        var published = await admin.PostAsJsonAsync($"/api/v1/admin/questionnaires/{versionId}/publish", new { });
        definition["items"]![0]!["component"] = "KHONG_CO";
        var bad = await admin.PostAsync("/api/v1/admin/questionnaires", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(1, AuditCount("questionnaire.import", "questionnaire:hn-mau-02-thu@1"));
        Assert.Equal(1, AuditCount("questionnaire.publish", "questionnaire:hn-mau-02-thu@1"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("$.items[0].component", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unit_import_is_limited_to_the_administrators_province_and_audited()
    {
        using var admin = await People.AdminAsync(_app);

        var foreign = await admin.PostAsync("/api/v1/admin/units/import", new StringContent("ma_xa,ten,loai,ma_tinh\n26737,Phường Thử Nghiệm,phuong,79", Encoding.UTF8, "text/csv"));
        var own = await admin.PostAsync("/api/v1/admin/units/import", new StringContent("ma_xa,ten,loai,ma_tinh\n00004,Phường Ba Đình,phuong,01", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("belongs to province 79", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(AuditCount("units.import") >= 1);
        using var connection = _app.Database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM communes WHERE code = '26737'"));
    }

    [Fact]
    public async Task Admin_forms_without_the_antiforgery_token_are_rejected_and_write_nothing()
    {
        using var admin = await People.AdminAsync(_app);
        using var connection = _app.Database.Open();
        var before = connection.ExecuteScalar<long>("SELECT count(*) FROM counters");

        var forged = await admin.PostAsync("/admin/counters", new FormUrlEncodedContent(
            [new("communeCode", "00070"), new("name", "Quầy giả"), new("questionnaireVersionId", SipasVersionId().ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        var genuine = await People.PostFormAsync(admin, "/admin/counters", "/admin/counters",
            [new("communeCode", "00070"), new("name", "Quầy thật"), new("questionnaireVersionId", SipasVersionId().ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal(before + 1, connection.ExecuteScalar<long>("SELECT count(*) FROM counters"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM counters WHERE name = 'Quầy giả'"));
    }

    [Fact]
    public async Task Cookie_authenticated_api_writes_with_a_form_body_are_refused()
    {
        using var admin = await People.AdminAsync(_app);
        using var connection = _app.Database.Open();
        var keyId = connection.ExecuteScalar<long>("SELECT id FROM api_keys WHERE revoked_at IS NULL AND scope = 'reports' ORDER BY id DESC LIMIT 1");

        var forged = await admin.PostAsync($"/api/v1/admin/api-keys/{keyId}/revoke", new FormUrlEncodedContent([]));
        var plain = await admin.PostAsync($"/api/v1/admin/api-keys/{keyId}/revoke", new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, forged.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Null(connection.ExecuteScalar<long?>("SELECT revoked_at FROM api_keys WHERE id = @keyId", new { keyId }));
    }

    [Fact]
    public async Task An_administrator_cannot_see_or_change_another_provinces_counter()
    {
        using (var connection = _app.Database.Open())
        {
            connection.Execute("INSERT INTO communes (code, name, unit_type, province_code, valid_from) VALUES ('26734', 'Phường Sài Gòn', 'phuong', '79', '2025-07-01') ON CONFLICT DO NOTHING");
            connection.Execute("INSERT INTO counters (commune_code, name, questionnaire_version_id, created_at) VALUES ('26734', 'Quầy TP.HCM', @v, 0)", new { v = SipasVersionId() });
        }
        long foreignId;
        using (var connection = _app.Database.Open()) foreignId = connection.ExecuteScalar<long>("SELECT id FROM counters WHERE commune_code = '26734'");
        using var admin = await People.AdminAsync(_app);

        var page = await admin.GetAsync($"/admin/counters/{foreignId}");
        var update = await admin.PutAsJsonAsync($"/api/v1/admin/counters/{foreignId}", new { name = "Đổi tên trái phép" });
        var list = await admin.GetStringAsync("/api/v1/admin/counters");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.DoesNotContain("Quầy TP.HCM", list);
    }

    [Fact]
    public async Task Administrators_read_the_audit_log_of_their_province()
    {
        using var admin = await People.AdminAsync(_app);

        var page = await admin.GetStringAsync("/admin/audit");
        var api = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit?limit=5");

        Assert.Contains("Nhật ký thao tác", page);
        Assert.Contains("demo.credentials", page);
        Assert.InRange(api.GetProperty("entries").GetArrayLength(), 1, 5);
    }

    [Fact]
    public async Task The_audit_log_cannot_be_edited_or_deleted()
    {
        using var connection = _app.Database.Open();

        var update = Assert.ThrowsAny<Exception>(() => connection.Execute("UPDATE audit_log SET actor = 'someone else'"));
        var delete = Assert.ThrowsAny<Exception>(() => connection.Execute("DELETE FROM audit_log"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        await Task.CompletedTask;
    }
}
