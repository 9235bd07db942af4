using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Security;

/// <summary>
/// The findings of the attack on the demo with a second province (issue 12), each reproduced exactly
/// as it was reported, now meeting the safe answer.
/// </summary>
public sealed class AttackFindingsTests(TwoProvinceApp app) : IClassFixture<TwoProvinceApp>
{
    [Fact]
    public async Task Finding_1_an_administrator_cannot_take_another_provinces_commune_through_the_unit_import()
    {
        using var hanoi = await People.AdminAsync(app);
        using var hcm = await app.HcmAdminAsync();
        var auditBefore = app.Scalar<long>("SELECT count(*) FROM audit_log WHERE province_code = '79'");

        var takeover = await hanoi.PostAsync("/api/v1/admin/units/import",
            new StringContent($"ma_xa,ten,loai,ma_tinh\n{TwoProvinceApp.HcmCommune},{TwoProvinceApp.HcmCommuneName},phuong,01", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, takeover.StatusCode);
        Assert.Contains("belongs to another province", await takeover.Content.ReadAsStringAsync());
        Assert.Equal("79", app.Scalar<string>("SELECT province_code FROM communes WHERE code = @c", new { c = TwoProvinceApp.HcmCommune }));
        Assert.Equal(HttpStatusCode.NotFound, (await hanoi.GetAsync($"/api/v1/reports/communes/{TwoProvinceApp.HcmCommune}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hanoi.GetAsync($"/api/v1/reports/communes/{TwoProvinceApp.HcmCommune}/responses.csv")).StatusCode);
        var own = await hcm.GetAsync($"/api/v1/reports/communes/{TwoProvinceApp.HcmCommune}/comments");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(TwoProvinceApp.HcmComment, await own.Content.ReadAsStringAsync());
        // Province 79's own audit log shows the attempt.
        var audit = await hcm.GetFromJsonAsync<JsonElement>("/api/v1/admin/audit?action=units.import-refused");
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray());
        Assert.Contains("admin.hanoi", entry.GetProperty("actor").GetString());
        Assert.Contains(TwoProvinceApp.HcmCommune, entry.GetProperty("details").GetString());
        Assert.Equal(auditBefore + 1, app.Scalar<long>("SELECT count(*) FROM audit_log WHERE province_code = '79'"));
    }

    [Fact]
    public async Task Finding_2_an_administrator_can_neither_list_nor_replace_nor_publish_another_provinces_questionnaire()
    {
        using var hanoi = await People.AdminAsync(app);
        var checksum = app.Scalar<string>("SELECT checksum FROM questionnaire_versions WHERE id = @id", new { id = app.HcmDraftVersionId });

        var list = await hanoi.GetStringAsync("/api/v1/admin/questionnaires");
        var definition = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TempFolder.Samples, "questionnaires", "hn-mau-02.json")))!.AsObject();
        definition["id"] = TwoProvinceApp.HcmQuestionnaire;
        definition["version"] = 2;
        definition["title"] = new System.Text.Json.Nodes.JsonObject { ["vi"] = "Phiếu đã bị sửa", ["en"] = "Tampered" };
        var replaced = await hanoi.PostAsync("/api/v1/admin/questionnaires?publish=true", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));
        var published = await hanoi.PostAsJsonAsync($"/api/v1/admin/questionnaires/{app.HcmDraftVersionId}/publish", new { });

        Assert.DoesNotContain(TwoProvinceApp.HcmQuestionnaire, list);
        Assert.Contains("sipas-2023", list);   // national questionnaires stay visible to every province
        Assert.Equal(HttpStatusCode.Conflict, replaced.StatusCode);
        Assert.DoesNotContain("replaced", await replaced.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, published.StatusCode);
        Assert.Equal((checksum, "draft"), (app.Scalar<string>("SELECT checksum FROM questionnaire_versions WHERE id = @id", new { id = app.HcmDraftVersionId }),
            app.Scalar<string>("SELECT status FROM questionnaire_versions WHERE id = @id", new { id = app.HcmDraftVersionId })));
        Assert.Equal(1, app.Scalar<long>("SELECT count(*) FROM audit_log WHERE province_code = '79' AND action = 'questionnaire.import-refused'"));
        // Nor can a Hà Nội counter be made to hand out province 79's questionnaire.
        var counter = await hanoi.PostAsJsonAsync("/api/v1/admin/counters", new { communeCode = "00070", name = "Quầy mượn phiếu", questionnaireVersionId = app.HcmQuestionnaireVersionId });
        Assert.Equal(HttpStatusCode.BadRequest, counter.StatusCode);
    }
}
