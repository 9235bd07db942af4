using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

/// <summary>With the shipped logging configuration, nothing a citizen sent and no survey token reaches the logs.</summary>
public sealed class LogPrivacyTests : IDisposable
{
    private readonly TestApp _app = new();

    public LogPrivacyTests()
    {
        _app.Logs.MinimumLevel = LogLevel.Trace;
        _ = _app.Demo;
    }

    [Fact]
    public async Task Tokens_comments_and_addresses_never_appear_in_log_lines()
    {
        const string comment = "Tôi là Nguyễn Thị Hoa, số điện thoại 0912 345 678";
        var slips = await SlipApi.IssueAsync(_app, 4);
        var tokens = slips.Select(s => s.GetProperty("token").GetString()!).ToList();
        using var client = _app.NewClient();

        await client.GetAsync("/s/" + tokens[0]);
        await client.PostAsync("/s/" + tokens[0], new FormUrlEncodedContent([new("TC1", "1"), new("comment", comment)]));
        await client.PostAsJsonAsync("/api/v1/responses", new { token = tokens[1], answers = new { TC1 = 2 }, comment });
        await client.PostAsync("/s/" + tokens[2], new StringContent("--x\r\nbroken", Encoding.UTF8, "multipart/form-data"));
        await client.PostAsync("/api/v1/responses", new StringContent("{\"token\":\"" + tokens[3] + "\",\"answers\":", Encoding.UTF8, "application/json"));
        await client.GetAsync("/s/" + tokens[3] + "/qr.svg");
        await client.GetAsync("/s/" + tokens[3] + "x");

        var logs = _app.Logs.ToString();
        Assert.NotEmpty(_app.Logs.Entries);
        foreach (var token in tokens) Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Thị Hoa", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.7", logs, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/s/AbCdEfGhIjKlMnOpQrStUv", "/s/***")]
    [InlineData("/s/AbCdEfGhIjKlMnOpQrStUv/qr.svg", "/s/***/qr.svg")]
    [InlineData("/p/12/AbCdEfGhIjKlMnOpQrStUv", "/p/12/***")]
    [InlineData("/api/v1/responses", "/api/v1/responses")]
    [InlineData("/reports/communes/00070", "/reports/communes/00070")]
    public void Paths_in_log_lines_have_their_survey_tokens_masked(string path, string logged) =>
        Assert.Equal(logged, SipasSurvey.Web.SiteRoutes.ForLogs(new Microsoft.AspNetCore.Http.PathString(path)));

    public void Dispose() => _app.Dispose();
}
