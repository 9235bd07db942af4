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
}
