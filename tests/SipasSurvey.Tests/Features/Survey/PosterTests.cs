using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Survey;

/// <summary>A test app with the production-like abuse limits.</summary>
public sealed class StrictLimitsApp : TestApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sipas:Limits:PosterPerDevice", "2");
        builder.UseSetting("Sipas:Limits:PosterPerNetwork", "60");
        builder.UseSetting("Sipas:Limits:PosterPerCounter", "1000");
        builder.UseSetting("Sipas:Limits:SubmitPerToken", "3");
        builder.UseSetting("Sipas:Limits:CodePerDevice", "5");
    }
}

public sealed partial class PosterTests : IClassFixture<StrictLimitsApp>
{
    private readonly StrictLimitsApp _app;

    public PosterTests(StrictLimitsApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    [GeneratedRegex("src=\"data:image/svg\\+xml;base64,([^\"]+)\"")]
    private static partial Regex EmbeddedQr();

    private async Task<string> EnablePosterAsync(long counterId)
    {
        using var admin = await People.AdminAsync(_app);
        var update = await admin.PutAsJsonAsync($"/api/v1/admin/counters/{counterId}", new { posterEnabled = true });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var poster = await admin.GetStringAsync($"/admin/counters/{counterId}/poster");
        return new Uri(await Zbar.DecodeAsync(Convert.FromBase64String(EmbeddedQr().Match(poster).Groups[1].Value), "svg")).PathAndQuery;
    }

    private long CounterIn(string commune)
    {
        using var connection = _app.Database.Open();
        return connection.ExecuteScalar<long>("SELECT id FROM counters WHERE commune_code = @commune LIMIT 1", new { commune });
    }

    private HttpClient Visitor(string address, string browser)
    {
        var client = _app.NewClient();
        client.DefaultRequestHeaders.Add(RemoteAddressStartupFilter.Header, address);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(browser);
        return client;
    }

    [Fact]
    public async Task A_poster_hands_each_visitor_a_fresh_unverified_slip_and_the_same_one_on_a_rescan()
    {
        var counterId = CounterIn("09832");
        var poster = await EnablePosterAsync(counterId);
        using var first = Visitor("198.51.100.10", "PhoneA/1.0");
        using var second = Visitor("198.51.100.11", "PhoneB/1.0");

        var a = await first.GetAsync(poster);
        var aAgain = await first.GetAsync(poster);
        var b = await second.GetAsync(poster);
        var form = await first.GetStringAsync(a.Headers.Location!.OriginalString);
        var token = a.Headers.Location!.OriginalString["/s/".Length..];
        var answered = await first.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 5 } });

        Assert.Equal(HttpStatusCode.SeeOther, a.StatusCode);
        Assert.Equal(a.Headers.Location, aAgain.Headers.Location);
        Assert.NotEqual(a.Headers.Location, b.Headers.Location);
        Assert.Contains("Phiếu lấy từ mã QR dán tại quầy", form);
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        using var connection = _app.Database.Open();
        Assert.Equal("poster", connection.ExecuteScalar<string>("SELECT channel FROM responses WHERE id = @id",
            new { id = (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responseId").GetInt64() }));
        Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM daily_stats WHERE channel = 'poster' AND dimension = ''") >= 1);
    }

    [Fact]
    public async Task A_whole_office_behind_one_address_can_scan_while_one_phone_cannot_mint_slips()
    {
        var counterId = CounterIn("00004");
        var poster = await EnablePosterAsync(counterId);

        var office = await Task.WhenAll(Enumerable.Range(0, 25).Select(async i =>
        {
            using var phone = Visitor("192.0.2.50", $"Phone{i}/1.0");
            return (await phone.GetAsync(poster)).StatusCode;
        }));
        var greedy = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var sameBrowserNoCookies = Visitor("192.0.2.77", "Greedy/1.0");
            greedy.Add((await sameBrowserNoCookies.GetAsync(poster)).StatusCode);
        }

        Assert.True(office.All(s => s == HttpStatusCode.SeeOther), _app.Logs.ToString());
        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], greedy);
    }

    [Fact]
    public async Task A_poster_that_is_switched_off_or_guessed_leads_nowhere()
    {
        using var visitor = Visitor("198.51.100.99", "Phone/1.0");

        var guessed = await visitor.GetAsync($"/p/{_app.Demo.CounterId}/AAAAAAAAAAAAAAAAAAAAAA");
        var malformed = await visitor.GetAsync($"/p/{_app.Demo.CounterId}/x");

        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task Hammering_one_slip_is_slowed_down_with_retry_after()
    {
        var token = await Slips.SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            statuses.Add(await client.PostAsync("/s/" + token, new FormUrlEncodedContent([new("TC1", "5")])));

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1].StatusCode);
        Assert.True(int.Parse(statuses[^1].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("Vui lòng đợi một lát", await statuses[^1].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Guessing_codes_is_throttled_per_device()
    {
        using var guesser = Visitor("198.51.100.200", "Guesser/1.0");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await guesser.PostAsync("/ma", new FormUrlEncodedContent([new("code", $"ABCD-EFGH-JK{i}")]))).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
    }
}
