using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Deployment;

/// <summary>
/// X-Forwarded-For / X-Forwarded-Proto are believed from the configured proxy only (10.9.0.2 here, the
/// address the test server sees when a request carries X-Test-Remote-IP: 10.9.0.2); from anyone else
/// they change nothing. Behind the proxy, limits, integrity signals, audit entries, HSTS and the
/// cookies' Secure flag see the citizen and the scheme the proxy saw.
/// </summary>
public sealed class TrustedProxyTests : IDisposable
{
    private const string Proxy = "10.9.0.2";
    private readonly TestApp _app = new();

    public TrustedProxyTests()
    {
        _app.Settings["Sipas:Proxy:KnownProxies:0"] = Proxy;
        _app.Settings["Sipas:Limits:SubmitPerDevice"] = "2";
        _app.Settings["Sipas:Integrity:QuickSeconds"] = "0";
        _ = _app.Demo;
    }

    [Fact]
    public async Task Two_phones_behind_the_proxy_are_two_devices_and_a_forged_header_from_a_stranger_is_ignored()
    {
        var tokens = await TokensAsync(9);

        // Through the proxy: phone A and phone B (the same browser build) each get their own allowance of 2 a minute.
        var phoneA = await Task.WhenAll(tokens[..3].Select(t => AnswerAsync(t, remote: Proxy, forwardedFor: "100.64.1.10")));
        var phoneB = await Task.WhenAll(tokens[3..5].Select(t => AnswerAsync(t, remote: Proxy, forwardedFor: "100.64.2.20")));
        Assert.Equal(2, phoneA.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(1, phoneA.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(phoneB, s => Assert.Equal(HttpStatusCode.Created, s));

        // Directly, not from the proxy: a new X-Forwarded-For on every request does not make a new device.
        var forged = new List<HttpStatusCode>();
        foreach (var (token, i) in tokens[5..9].Select((t, i) => (t, i)))
            forged.Add(await AnswerAsync(token, remote: "198.51.100.40", forwardedFor: $"100.64.9.{i + 1}"));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], forged);
    }

    [Fact]
    public async Task Behind_the_proxy_the_counters_network_is_the_counters_not_the_proxys()
    {
        // The counter prints through the proxy from 100.64.50.5; the citizen answers through the same proxy from a phone network.
        var printed = await TokenFromAsync(remote: Proxy, forwardedFor: "100.64.50.5");
        Assert.Equal(HttpStatusCode.Created, await AnswerAsync(printed, remote: Proxy, forwardedFor: "100.64.77.9"));
        // The same two steps from one untrusted address sending the same headers look like one network: flagged.
        var direct = await TokenFromAsync(remote: "198.51.100.60", forwardedFor: "100.64.50.5");
        Assert.Equal(HttpStatusCode.Created, await AnswerAsync(direct, remote: "198.51.100.60", forwardedFor: "100.64.77.9"));

        Assert.Equal(0, Flags(printed) & (long)IntegritySignal.CounterNetwork);
        Assert.NotEqual(0, Flags(direct) & (long)IntegritySignal.CounterNetwork);
    }

    [Fact]
    public async Task Https_at_the_proxy_brings_hsts_and_secure_cookies_and_the_audit_keeps_the_staff_address()
    {
        // Cookies are carried by hand: a cookie marked Secure is one the test client would rightly not send back over its http:// base address.
        using var viaProxy = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        viaProxy.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, Proxy);
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "100.64.60.6");
        viaProxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var page = await viaProxy.GetAsync("/signin");
        Assert.Contains("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sipas_af", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var admin = SipasSurvey.Features.Demo.DemoAccounts.AdminUsername;
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent([new("username", admin), new("password", _app.Demo.Passwords[admin]),
                new("__af", System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__af\" value=\"([^\"]+)\"").Groups[1].Value))]),
        };
        signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await viaProxy.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(session);
        Assert.All(session, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        // An audited action records the staff member's address, not the proxy's.
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/users")
        {
            Content = JsonContent.Create(new { username = "proxy.audit", displayName = "Kiểm tra proxy", role = "staff", communeCode = _app.Demo.CommuneCode }),
        };
        create.Headers.Add("Cookie", string.Join("; ", session.Select(c => c.Split(';')[0])));
        var created = await viaProxy.SendAsync(create);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        Assert.Equal("100.64.60.6", _app.Scalar<string>("SELECT remote_address FROM audit_log ORDER BY id DESC LIMIT 1"));

        // The same headers from a stranger: plain http as far as the service knows, no HSTS, no Secure cookie.
        using var stranger = _app.NewClient();
        stranger.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, "198.51.100.70");
        stranger.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var plain = await stranger.GetAsync("/signin");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<string[]> TokensAsync(int count)
    {
        using var machine = People.WithKey(_app, People.SlipsKey(_app));
        var response = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId, count });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("slips").EnumerateArray().Select(s => s.GetProperty("token").GetString()!).ToArray();
    }

    private async Task<string> TokenFromAsync(string remote, string forwardedFor)
    {
        using var machine = People.WithKey(_app, People.SlipsKey(_app));
        machine.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, remote);
        machine.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        var response = await machine.PostAsJsonAsync("/api/v1/slips", new { counterId = _app.Demo.CounterId });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slips")[0].GetProperty("token").GetString()!;
    }

    private async Task<HttpStatusCode> AnswerAsync(string token, string remote, string forwardedFor)
    {
        using var phone = _app.NewClient();
        phone.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, remote);
        phone.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        phone.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 13) Chrome/120 Mobile");
        var response = await phone.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 4, ["TC2"] = 3, ["CC1"] = 5 } });
        return response.StatusCode;
    }

    private long Flags(string token)
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT r.flags FROM responses r JOIN slips s ON s.id = r.slip_id WHERE s.token_hash = @hash",
            new { hash = SipasSurvey.Domain.Slips.SlipSecrets.Hash(token) });
    }

    public void Dispose() => _app.Dispose();
}
