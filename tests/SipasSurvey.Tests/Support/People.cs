using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SipasSurvey.Features.Demo;

namespace SipasSurvey.Tests.Support;

/// <summary>Signing in and posting forms the way a browser does: page first, antiforgery token from it, then the post.</summary>
public static partial class People
{
    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pagePath)
    {
        var html = await client.GetStringAsync(pagePath);
        return AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery field on " + pagePath);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AntiforgeryTokenAsync(client, pagePath);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__af", token))));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password) =>
        PostFormAsync(client, "/signin", "/signin", [new("username", username), new("password", password)]);

    public static async Task<HttpClient> SignedInAsync(TestApp app, string username)
    {
        var client = app.NewClient();
        var response = await SignInAsync(client, username, app.Demo.Passwords[username]);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in of {username} failed: {response.StatusCode}");
        return client;
    }

    public static Task<HttpClient> AdminAsync(TestApp app) => SignedInAsync(app, DemoAccounts.AdminUsername);

    public static Task<HttpClient> LeaderAsync(TestApp app) => SignedInAsync(app, DemoAccounts.LeaderUsername);

    public static Task<HttpClient> StaffAsync(TestApp app) => SignedInAsync(app, DemoAccounts.StaffUsername);

    public static HttpClient WithKey(TestApp app, string key)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static string SlipsKey(TestApp app) => (string)app.Demo.Credentials["apiKey"]!;

    public static string ReportsKey(TestApp app) => (string)app.Demo.Credentials["reportsApiKey"]!;
}
