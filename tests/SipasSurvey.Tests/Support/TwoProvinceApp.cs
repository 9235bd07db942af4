using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace SipasSurvey.Tests.Support;

/// <summary>
/// The demo (Hà Nội, province 01) plus Thành phố Hồ Chí Minh (province 79) set up as an operator
/// and its own administrator would: communes through the import-units verb's code, the first
/// administrator through create-admin's, then a counter, people, keys, its own questionnaire and
/// one answered slip (with a dossier code and a comment) through province 79's own API.
/// </summary>
public sealed class TwoProvinceApp : TestApp, IAsyncLifetime
{
    public const string Hcm = "79";
    public const string HcmCommune = "26734";
    public const string HcmCommuneName = "Phường Sài Gòn";
    public const string HcmSecondCommune = "26737";
    public const string HcmAdmin = "admin.hcm";
    public const string HcmQuestionnaire = "hcm-mau-01";
    public const string HcmDossier = "000.00.79.H29-261130-0001";
    public const string HcmComment = "Bình luận riêng của phường Sài Gòn";

    public string HcmAdminPassword { get; } = "mat-khau-quan-tri-hcm-2026";
    public long HcmCounterId { get; private set; }
    public long HcmStaffId { get; private set; }
    public long HcmLeaderId { get; private set; }
    public long HcmSlipsKeyId { get; private set; }
    public string HcmSlipsKey { get; private set; } = "";
    public long HcmReportsKeyId { get; private set; }
    public long HcmQuestionnaireVersionId { get; private set; }
    public long HcmDraftVersionId { get; private set; }
    public long HcmSlipId { get; private set; }
    public string HcmSlipToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _ = Demo;
        var csv = Path.Combine(DataDirectory, "hcm.csv");
        await File.WriteAllTextAsync(csv, $"ma_xa,ten,loai,ma_tinh\n{HcmCommune},{HcmCommuneName},phuong,{Hcm}\n{HcmSecondCommune},Phường Tân Định,phuong,{Hcm}\n", Encoding.UTF8);
        Check(SipasSurvey.Features.Units.Import.Command.Run(Services, new FileInfo(csv), new DateOnly(2025, 7, 1), TextWriter.Null, Console.Error), "import-units");
        Check(SipasSurvey.Features.Accounts.CreateAdmin.Command.Run(Services, HcmAdmin, Hcm, "Quản trị viên TP.HCM",
            new StringReader(HcmAdminPassword + "\n"), TextWriter.Null, Console.Error), "create-admin");

        using var admin = await HcmAdminAsync();
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TempFolder.Samples, "questionnaires", "hn-mau-02.json")))!.AsObject();
        definition["id"] = HcmQuestionnaire;
        var imported = await Json(await admin.PostAsync("/api/v1/admin/questionnaires?publish=true",
            new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json")));
        HcmQuestionnaireVersionId = imported.GetProperty("versionId").GetInt64();
        definition["version"] = 2;
        var draft = await Json(await admin.PostAsync("/api/v1/admin/questionnaires", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json")));
        HcmDraftVersionId = draft.GetProperty("versionId").GetInt64();

        var counter = await Json(await admin.PostAsJsonAsync("/api/v1/admin/counters",
            new { communeCode = HcmCommune, name = "Quầy số 1 — Phường Sài Gòn", questionnaireVersionId = HcmQuestionnaireVersionId }));
        HcmCounterId = counter.GetProperty("id").GetInt64();
        var staff = await Json(await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { username = "canbo.saigon", displayName = "Cán bộ Sài Gòn", role = "staff", communeCode = HcmCommune, counterIds = new[] { HcmCounterId } }));
        HcmStaffId = staff.GetProperty("user").GetProperty("id").GetInt64();
        var leader = await Json(await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { username = "lanhdao.saigon", displayName = "Lãnh đạo Sài Gòn", role = "leader", communeCode = HcmCommune }));
        HcmLeaderId = leader.GetProperty("user").GetProperty("id").GetInt64();
        var slipsKey = await Json(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Một cửa Sài Gòn", scope = "slips", counterIds = new[] { HcmCounterId } }));
        HcmSlipsKeyId = slipsKey.GetProperty("apiKey").GetProperty("id").GetInt64();
        HcmSlipsKey = slipsKey.GetProperty("key").GetString()!;
        var reportsKey = await Json(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "BI TP.HCM", scope = "reports" }));
        HcmReportsKeyId = reportsKey.GetProperty("apiKey").GetProperty("id").GetInt64();

        using var machine = People.WithKey(this, HcmSlipsKey);
        var slip = (await Json(await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = HcmCounterId, dossierCode = HcmDossier })))
            .GetProperty("slips")[0];
        HcmSlipId = slip.GetProperty("slipId").GetInt64();
        HcmSlipToken = slip.GetProperty("token").GetString()!;
        using var citizen = NewClient();
        var answered = await citizen.PostAsJsonAsync("/api/v1/responses", new
        {
            token = HcmSlipToken,
            answers = new Dictionary<string, int> { ["CC1"] = 5, ["CC2"] = 4, ["CC3"] = 5, ["KQ1"] = 4, ["KQ2"] = 5, ["PA1"] = 4, ["PA2"] = 4, ["PA3"] = 5, ["PA4"] = 5 },
            field = "Hộ tịch",
            comment = HcmComment,
        });
        if (answered.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("answer in province 79: " + await answered.Content.ReadAsStringAsync());
    }

    public async Task<HttpClient> HcmAdminAsync()
    {
        var client = NewClient();
        var response = await People.SignInAsync(client, HcmAdmin, HcmAdminPassword);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("sign-in of " + HcmAdmin + " failed: " + response.StatusCode);
        return client;
    }

    private static void Check(int exitCode, string verb)
    {
        if (exitCode != 0) throw new InvalidOperationException($"{verb} exited with {exitCode}");
    }

    private async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}\n"
                + string.Join("\n", Logs.Entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal)).Take(2)));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
