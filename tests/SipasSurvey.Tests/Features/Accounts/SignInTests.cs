using System.Net;
using System.Net.Http.Json;
using Dapper;
using SipasSurvey.Features.Demo;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Accounts;

public sealed class SignInTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public SignInTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    [Fact]
    public async Task The_sign_in_page_is_in_vietnamese_with_labelled_fields()
    {
        using var client = _app.NewClient();

        var html = await client.GetStringAsync("/signin");

        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("<label class=\"field\" for=\"username\">Tên đăng nhập</label>", html);
        Assert.Contains("<label class=\"field\" for=\"password\">Mật khẩu</label>", html);
    }

    [Fact]
    public async Task A_correct_password_signs_in_with_a_secure_http_only_cookie()
    {
        using var client = _app.NewClient();

        var response = await People.SignInAsync(client, DemoAccounts.LeaderUsername, _app.Demo.Passwords[DemoAccounts.LeaderUsername]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sipas_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetStringAsync("/");
        Assert.Contains("Xin chào, lanhdao.hoankiem", home);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_rejected()
    {
        using var client = _app.NewClient();

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(
            [new("username", DemoAccounts.LeaderUsername), new("password", _app.Demo.Passwords[DemoAccounts.LeaderUsername])]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sipas_session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_network_lock_the_account_there_even_against_the_right_one()
    {
        var username = await CreateStaffAsync("khoa.thu");
        using var client = _app.NewClient();
        client.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, "198.51.100.7");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await People.SignInAsync(client, username, "wrong-password-" + i);
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng", await wrong.Content.ReadAsStringAsync());
        }
        var afterLock = await People.SignInAsync(client, username, _passwords[username]);

        Assert.Equal(HttpStatusCode.BadRequest, afterLock.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng", await afterLock.Content.ReadAsStringAsync());
        using var connection = _app.Database.Open();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'user.lockout' AND actor LIKE @pattern", new { pattern = "%" + username }));
    }

    [Fact]
    public async Task An_unknown_username_gets_the_same_answer_as_a_wrong_password()
    {
        using var client = _app.NewClient();

        var response = await People.SignInAsync(client, "khong.co.nguoi.nay", "some-password-123");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_is_audited()
    {
        var username = await CreateStaffAsync("doi.matkhau");
        using var first = _app.NewClient();
        using var second = _app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(first, username, _passwords[username])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(second, username, _passwords[username])).StatusCode);

        var change = await People.PostFormAsync(first, "/account/password", "/account/password",
            [new("currentPassword", _passwords[username]), new("newPassword", "mat-khau-moi-2026"), new("confirmPassword", "mat-khau-moi-2026")]);

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/account/password")).StatusCode);
        var stale = await second.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/signin", stale.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
        using var connection = _app.Database.Open();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'user.password-change' AND actor LIKE @pattern", new { pattern = "%" + username }));
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_session_at_the_next_request()
    {
        var username = await CreateStaffAsync("se.bi.khoa");
        using var client = _app.NewClient();
        await People.SignInAsync(client, username, _passwords[username]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);

        using (var connection = _app.Database.Open())
            connection.Execute("UPDATE users SET active = 0 WHERE username = @username", new { username });

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/password")).StatusCode);
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input_and_refuses_a_short_one()
    {
        _ = _app.Services;
        var environment = new Dictionary<string, string> { ["Sipas__DataDirectory"] = _app.DataDirectory };

        var refused = await AppProcess.RunAsync(environment, "short\n", TimeSpan.FromSeconds(60), "create-admin", "--username", "admin.ngan", "--province", "01");
        var created = await AppProcess.RunAsync(environment, "mot-mat-khau-du-dai\n", TimeSpan.FromSeconds(60), "create-admin", "--username", "admin.dai", "--province", "01");
        var noProvince = await AppProcess.RunAsync(environment, "mot-mat-khau-du-dai\n", TimeSpan.FromSeconds(60), "create-admin", "--username", "admin.xa", "--province", "77");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("ít nhất 12 ký tự", refused.Error);
        Assert.Equal(0, created.ExitCode);
        Assert.Equal(2, noProvince.ExitCode);
        using var client = _app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(client, "admin.dai", "mot-mat-khau-du-dai")).StatusCode);
        using var connection = _app.Database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM users WHERE username IN ('admin.ngan', 'admin.xa')"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'user.create' AND actor LIKE 'cli %' AND details LIKE '%admin.dai%'"));
    }

    private readonly Dictionary<string, string> _passwords = [];

    private async Task<string> CreateStaffAsync(string username)
    {
        using var admin = await People.AdminAsync(_app);
        var response = await admin.PostAsync("/api/v1/admin/users", System.Net.Http.Json.JsonContent.Create(new
        {
            username, displayName = "Người thử " + username, role = "staff", communeCode = _app.Demo.CommuneCode, counterIds = new[] { _app.Demo.CounterId },
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        _passwords[username] = body.GetProperty("temporaryPassword").GetString()!;
        return username;
    }
}
