using System.Net.Http.Json;
using System.Text.Json;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Slips;

/// <summary>Issues slips the way the one-stop software does: POST /api/v1/slips with the demo API key.</summary>
public static class SlipApi
{
    public static async Task<JsonElement[]> IssueAsync(TestApp app, int count = 1, object? extra = null)
    {
        using var client = People.WithKey(app, People.SlipsKey(app));
        var body = new Dictionary<string, object?> { ["counterId"] = app.Demo.CounterId, ["count"] = count };
        if (extra is not null)
            foreach (var property in extra.GetType().GetProperties()) body[property.Name] = property.GetValue(extra);
        var response = await client.PostAsJsonAsync("/api/v1/slips", body);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"issue failed: {(int)response.StatusCode} {text}\n{app.Logs}");
        return JsonDocument.Parse(text).RootElement.GetProperty("slips").EnumerateArray().ToArray();
    }

    public static async Task<string> IssueTokenAsync(TestApp app) => (await IssueAsync(app))[0].GetProperty("token").GetString()!;

    public static string PathOf(string url) => new Uri(url).PathAndQuery;
}
