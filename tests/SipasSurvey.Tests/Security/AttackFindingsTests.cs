using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Finding_3_a_cookie_saved_before_sign_out_no_longer_reads_anything_and_account_changes_end_sessions()
    {
        using var leader = app.NewClient();
        var signIn = await People.SignInAsync(leader, SipasSurvey.Features.Demo.DemoAccounts.LeaderUsername, app.Demo.Passwords[SipasSurvey.Features.Demo.DemoAccounts.LeaderUsername]);
        var saved = SessionCookie(signIn);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(saved).GetAsync("/api/v1/reports/communes/00070")).StatusCode);

        var signOut = await People.PostFormAsync(leader, "/", "/signout", []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookie(saved).GetAsync("/api/v1/reports/communes/00070")).StatusCode);
        Assert.Equal("signout", app.Scalar<string>("SELECT ended_reason FROM user_sessions WHERE ended_at IS NOT NULL ORDER BY ended_at DESC LIMIT 1"));

        // A role change and a password reset by the administrator end the person's sessions too.
        using var admin = await People.AdminAsync(app);
        foreach (var (change, send) in new (string, Func<long, Task<HttpResponseMessage>>)[]
                 {
                     ("role", id => admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { role = "leader", communeCode = "00070" })),
                     ("reset", id => admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/reset-password", new { })),
                     ("deactivate", id => admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { active = false })),
                 })
        {
            var (id, cookie) = await NewPersonAsync(admin, "phien." + change);
            Assert.Equal(HttpStatusCode.OK, (await WithCookie(cookie).GetAsync("/account/password")).StatusCode);
            Assert.True((await send(id)).IsSuccessStatusCode, change);
            var after = await WithCookie(cookie).GetAsync("/account/password");
            Assert.True(after.StatusCode == HttpStatusCode.Redirect && after.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal), change);
        }
    }

    private static string SessionCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sipas_session=", StringComparison.Ordinal)).Split(';')[0];

    private HttpClient WithCookie(string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>A staff member created by the administrator who has signed in (and set their own password): their id and session cookie.</summary>
    private async Task<(long Id, string Cookie)> NewPersonAsync(HttpClient admin, string username)
    {
        var created = await (await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { username, displayName = "Người thử", role = "staff", communeCode = "00070", counterIds = new[] { app.Demo.CounterId } })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("user").GetProperty("id").GetInt64();
        var client = app.NewClient();
        var signIn = await People.SignInAsync(client, username, created.GetProperty("temporaryPassword").GetString()!);
        return (id, SessionCookie(signIn));
    }

    [Fact]
    public async Task Finding_4_a_copy_of_the_database_without_the_key_cannot_sweep_typed_codes_and_old_printed_codes_keep_working()
    {
        using var machine = People.WithKey(app, People.SlipsKey(app));
        var slip = (await (await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = app.Demo.CounterId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("slips")[0];
        var code = SipasSurvey.Domain.Slips.FallbackCode.Normalize(slip.GetProperty("code").GetString())!;
        var id = slip.GetProperty("slipId").GetInt64();
        var plain = System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(code));

        // What a sweep of 2^50 codes against the copy would look for: nothing matches without the token key.
        Assert.Equal(0, app.Scalar<long>("SELECT count(*) FROM slips WHERE code_hash = @plain", new { plain }));
        Assert.Equal(HttpStatusCode.SeeOther, (await EnterCodeAsync(code)).StatusCode);

        // A slip printed before codes were keyed (as migration 0011 finds it) is re-keyed from its seed and its code still works.
        using (var connection = app.Database.Open())
        {
            connection.Execute("UPDATE slips SET code_hash = @plain WHERE id = @id", new { plain, id });
            connection.Execute("INSERT INTO slip_codes_to_rekey (slip_id) VALUES (@id)", new { id });
        }
        Assert.Equal(1, app.Services.GetRequiredService<SipasSurvey.Features.Slips.CodeRekey>().Run());
        Assert.Equal(0, app.Scalar<long>("SELECT count(*) FROM slips WHERE code_hash = @plain", new { plain }));
        Assert.Equal(0, app.Scalar<long>("SELECT count(*) FROM slip_codes_to_rekey"));
        var again = await EnterCodeAsync(code);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.EndsWith(slip.GetProperty("token").GetString()!, again.Headers.Location!.OriginalString);
    }

    private async Task<HttpResponseMessage> EnterCodeAsync(string code)
    {
        using var phone = app.NewClient();
        return await phone.PostAsync("/ma", new FormUrlEncodedContent([new("code", code)]));
    }

    [Fact]
    public async Task Finding_5_failed_sign_ins_reveal_no_account_and_a_stranger_cannot_hold_an_administrator_out()
    {
        const string owner = "admin.hcm.khoa", password = "mat-khau-rat-dai-cua-quan-tri";
        Assert.Equal(0, SipasSurvey.Features.Accounts.CreateAdmin.Command.Run(app.Services, owner, TwoProvinceApp.Hcm, null,
            new StringReader(password + "\n"), TextWriter.Null, TextWriter.Null));
        using var stranger = From("198.51.100.23");
        using var prober = From("198.51.100.99", "Prober/1.0");

        string? realFifth = null, unknownFifth = null;
        for (var i = 1; i <= 5; i++)
        {
            realFifth = Alert(await People.SignInAsync(stranger, owner, "doan-sai-" + i));
            unknownFifth = Alert(await People.SignInAsync(prober, "khong.ton.tai", "doan-sai-" + i));
        }
        var strangerWithTheRightPassword = await People.SignInAsync(stranger, owner, password);
        using var ownerAtWork = From("203.0.113.40");
        var ownerSignsIn = await People.SignInAsync(ownerAtWork, owner, password);

        Assert.Equal(unknownFifth, realFifth);
        Assert.DoesNotContain("khóa", realFifth);
        Assert.Equal(HttpStatusCode.BadRequest, strangerWithTheRightPassword.StatusCode);
        Assert.Equal(realFifth, Alert(strangerWithTheRightPassword));
        Assert.Equal(HttpStatusCode.Redirect, ownerSignsIn.StatusCode);
        Assert.Equal(1, app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'user.lockout' AND actor LIKE @p AND details LIKE '%network%'", new { p = "%" + owner }));

        // A device that keeps failing waits, whatever the names it tries, before it can do more harm.
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) codes.Add((await People.SignInAsync(prober, "ten.khac." + i, "sai")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        Assert.Contains(HttpStatusCode.BadRequest, codes);
    }

    private HttpClient From(string address, string? userAgent = null)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, address);
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    private static string Alert(HttpResponseMessage response)
    {
        var html = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return System.Text.RegularExpressions.Regex.Match(html, "<div class=\"alert\" role=\"alert\">(.*?)</div>").Groups[1].Value;
    }

    [Fact]
    public async Task Finding_6_staff_cannot_refetch_an_answered_slips_token_nor_learn_its_answers_by_guessing()
    {
        using var staff = await People.StaffAsync(app);
        var slip = (await (await staff.PostAsJsonAsync("/api/v1/slips", new { counterId = app.Demo.CounterId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("slips")[0];
        var id = slip.GetProperty("slipId").GetInt64();
        var token = slip.GetProperty("token").GetString()!;
        var code = slip.GetProperty("code").GetString()!;
        var citizensAnswers = new Dictionary<string, int> { ["TC1"] = 2, ["CC1"] = 1 };
        using var phone = app.NewClient();
        var stored = await phone.SendAsync(Answer(token, citizensAnswers, "phone-key-1"));
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);

        var refetch = await staff.GetAsync($"/api/v1/slips/{id}");
        var list = await staff.GetStringAsync($"/api/v1/counters/{app.Demo.CounterId}/slips");
        var rightGuess = await staff.SendAsync(Answer(token, citizensAnswers, null));
        var wrongGuess = await staff.SendAsync(Answer(token, new Dictionary<string, int> { ["TC1"] = 5 }, null));
        var rightGuessWithAKey = await staff.SendAsync(Answer(token, citizensAnswers, "staff-guess"));
        var phoneRetry = await phone.SendAsync(Answer(token, citizensAnswers, "phone-key-1"));

        Assert.Equal(HttpStatusCode.Conflict, refetch.StatusCode);
        Assert.DoesNotContain(token, await refetch.Content.ReadAsStringAsync());
        Assert.DoesNotContain(code, list);
        Assert.DoesNotContain(token, list);
        Assert.Equal(HttpStatusCode.Conflict, rightGuess.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, wrongGuess.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, rightGuessWithAKey.StatusCode);
        Assert.Equal(await ProblemOf(rightGuess), await ProblemOf(wrongGuess));
        Assert.Equal(HttpStatusCode.Created, phoneRetry.StatusCode);
        Assert.Equal("true", phoneRetry.Headers.GetValues("Idempotent-Replayed").Single());
        var desk = await staff.GetStringAsync($"/counters/{app.Demo.CounterId}");
        Assert.DoesNotContain(code, desk);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.GetAsync($"/s/{token}/print")).StatusCode);
    }

    /// <summary>The problem details without their per-request trace id.</summary>
    private static async Task<string> ProblemOf(HttpResponseMessage response)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    private static HttpRequestMessage Answer(string token, Dictionary<string, int> answers, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/responses") { Content = JsonContent.Create(new { token, answers }) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Theory]
    [InlineData("aaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("123456789012")]
    [InlineData("qwerty123456")]
    [InlineData("password2026!")]
    public async Task Finding_7_weak_passwords_are_refused(string weak)
    {
        var (_, client, temporary) = await NewSignedInPersonAsync("yeu." + Guid.NewGuid().ToString("N")[..8]);

        var change = await People.PostFormAsync(client, "/account/password", "/account/password",
            [new("currentPassword", temporary), new("newPassword", weak), new("confirmPassword", weak)]);
        var cli = SipasSurvey.Features.Accounts.CreateAdmin.Command.Run(app.Services, "admin.yeu." + weak.Length, "79", null,
            new StringReader(weak + "\n"), TextWriter.Null, TextWriter.Null);

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal(2, cli);
    }

    [Fact]
    public async Task Finding_7_a_temporary_password_must_be_changed_before_anything_else()
    {
        var (id, client, temporary) = await NewSignedInPersonAsync("tam.thoi");

        var desk = await client.GetAsync("/counters");
        var api = await client.GetAsync($"/api/v1/counters/{app.Demo.CounterId}/slips");
        var change = await People.PostFormAsync(client, "/account/password", "/account/password",
            [new("currentPassword", temporary), new("newPassword", "một câu thật dài của riêng tôi"), new("confirmPassword", "một câu thật dài của riêng tôi")]);
        var deskAfter = await client.GetAsync("/counters");

        Assert.Equal(HttpStatusCode.Redirect, desk.StatusCode);
        Assert.Equal("/account/password", desk.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("temporary password", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deskAfter.StatusCode);

        // After a reset by the administrator, the same again.
        using var admin = await People.AdminAsync(app);
        var reset = await (await admin.PostAsJsonAsync($"/api/v1/admin/users/{id}/reset-password", new { })).Content.ReadFromJsonAsync<JsonElement>();
        using var again = app.NewClient();
        var signIn = await People.SignInAsync(again, "tam.thoi", reset.GetProperty("temporaryPassword").GetString()!);
        Assert.Equal("/account/password", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/counters")).StatusCode);
    }

    private async Task<(long Id, HttpClient Client, string Temporary)> NewSignedInPersonAsync(string username)
    {
        using var admin = await People.AdminAsync(app);
        var created = await (await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { username, displayName = "Người thử", role = "staff", communeCode = "00070", counterIds = new[] { app.Demo.CounterId } })).Content.ReadFromJsonAsync<JsonElement>();
        var temporary = created.GetProperty("temporaryPassword").GetString()!;
        var client = app.NewClient();
        var signIn = await People.SignInAsync(client, username, temporary);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (created.GetProperty("user").GetProperty("id").GetInt64(), client, temporary);
    }

    [Fact]
    public async Task Finding_8_moving_a_counter_ends_the_old_communes_staff_and_key_bindings_and_says_so()
    {
        using var admin = await People.AdminAsync(app);
        var versionId = app.Scalar<long>("SELECT id FROM questionnaire_versions WHERE questionnaire_id = 'sipas-2023'");
        var counter = (await (await admin.PostAsJsonAsync("/api/v1/admin/counters", new { communeCode = "00070", name = "Quầy sẽ chuyển", questionnaireVersionId = versionId }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var key = (await (await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Một cửa Hoàn Kiếm (cũ)", scope = "slips", counterIds = new[] { counter } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var (staffId, staff, temporary) = await NewSignedInPersonAsync("canbo.chuyen");
        await admin.PutAsJsonAsync($"/api/v1/admin/users/{staffId}", new { counterIds = new[] { counter } });
        await People.PostFormAsync(staff, "/account/password", "/account/password",
            [new("currentPassword", temporary), new("newPassword", "quầy của tôi ở Hoàn Kiếm"), new("confirmPassword", "quầy của tôi ở Hoàn Kiếm")]);
        using var software = People.WithKey(app, key);
        Assert.Equal(HttpStatusCode.Created, (await software.PostAsJsonAsync("/api/v1/slips", new { counterId = counter })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/v1/slips", new { counterId = counter })).StatusCode);

        var moved = await admin.PutAsJsonAsync($"/api/v1/admin/counters/{counter}", new { communeCode = "09832" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await software.PostAsJsonAsync("/api/v1/slips", new { counterId = counter })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/v1/slips", new { counterId = counter })).StatusCode);
        var entry = app.Scalar<string>("SELECT details FROM audit_log WHERE action = 'counter.move' AND target = @t", new { t = $"counter:{counter}" });
        Assert.Contains("\"endedStaffBindings\":[" + staffId + "]", entry);
        Assert.Contains("\"from\":\"00070\"", entry);
    }

    [Fact]
    public async Task Finding_9_the_host_header_does_not_decide_where_slips_point_and_the_service_needs_its_public_address()
    {
        using var machine = People.WithKey(app, People.SlipsKey(app));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/slips") { Content = JsonContent.Create(new { counterId = app.Demo.CounterId }) };
        request.Headers.Host = "evil.example";

        var slip = (await (await machine.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0];

        Assert.StartsWith(app.PublicBaseUrl + "/s/", slip.GetProperty("url").GetString());
        Assert.DoesNotContain("evil.example", slip.ToString());

        var data = TempFolder.Create("no-public-url");
        try
        {
            var (exitCode, output, error) = await AppProcess.RunAsync(new Dictionary<string, string>
            {
                ["Sipas__DataDirectory"] = data, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            }, null, TimeSpan.FromSeconds(60));
            Assert.Equal(1, exitCode);
            Assert.Contains("Sipas:PublicBaseUrl is not set", output + error);
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/reports\r\nSet-Cookie: x=1")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Finding_10_a_return_address_with_control_characters_goes_home_instead_of_failing(string returnUrl)
    {
        using var client = app.NewClient();
        var page = await client.GetAsync("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var token = await People.AntiforgeryTokenAsync(client, "/signin");

        var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent(
        [
            new("username", SipasSurvey.Features.Demo.DemoAccounts.LeaderUsername),
            new("password", app.Demo.Passwords[SipasSurvey.Features.Demo.DemoAccounts.LeaderUsername]),
            new("returnUrl", returnUrl), new("__af", token),
        ]));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Finding_11_secrets_are_not_cached_files_are_owner_only_and_the_query_cannot_override_the_path()
    {
        using var admin = await People.AdminAsync(app);
        using var machine = People.WithKey(app, People.SlipsKey(app));
        var slips = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = app.Demo.CounterId });
        var userId = app.Scalar<long>("SELECT id FROM users WHERE username = @u", new { u = SipasSurvey.Features.Demo.DemoAccounts.StaffUsername });
        var comments = await admin.GetAsync($"/api/v1/reports/communes/{app.Demo.CommuneCode}/comments");
        var users = await admin.GetAsync("/admin/users");
        var overridden = await admin.GetAsync("/api/v1/reports/communes/09568?communeCode=00070");
        var overriddenPage = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/reports/communes/09568?CommuneCode=00070") { Headers = { { "Accept", "text/html" } } });

        foreach (var response in new[] { slips, comments, users })
            Assert.True(response.Headers.CacheControl?.NoStore, response.RequestMessage?.RequestUri?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, overridden.StatusCode);
        Assert.Contains("communeCode", await overridden.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, overriddenPage.StatusCode);
        Assert.True(userId > 0);

        SipasSurvey.Features.Demo.DemoWelcome.Announce(app.Services, app.Demo);
        var files = TestEngine.IsPostgreSql ? [] : new[] { app.DatabasePath, app.DatabasePath + "-wal", app.DatabasePath + "-shm" };
        foreach (var file in files.Append(Path.Combine(app.DataDirectory, "demo-credentials.json")))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}
