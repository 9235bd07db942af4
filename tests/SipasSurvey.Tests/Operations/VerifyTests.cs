using Dapper;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

/// <summary>The verify verb recomputes every aggregate from raw rows: it passes on a sound file and names any drift.</summary>
public sealed class VerifyTests : IDisposable
{
    private readonly TestApp _app = new();

    public VerifyTests() => _ = _app.Demo;

    private Task<(int ExitCode, string Output, string Error)> VerifyAsync() =>
        AppProcess.RunAsync(new Dictionary<string, string> { ["Sipas__DataDirectory"] = _app.DataDirectory }, null, TimeSpan.FromMinutes(1), "verify");

    [Theory]
    [InlineData("UPDATE monthly_stats SET responses = responses + 1", "month total")]
    [InlineData("UPDATE daily_stats SET counts = @counts WHERE dimension = 'field'", "answer counts differ")]
    [InlineData("DELETE FROM daily_slip_stats WHERE dimension = 'counter'", "missing")]
    [InlineData("UPDATE monthly_slip_stats SET issued = issued - 1", "issued stored")]
    public async Task Verify_passes_on_a_sound_file_and_names_a_drifted_aggregate(string drift, string named)
    {
        using var client = _app.NewClient();
        foreach (var (token, i) in (await SlipApi.IssueAsync(_app, 6)).Select((s, i) => (s.GetProperty("token").GetString()!, i)))
            await client.PostAsync("/s/" + token, new FormUrlEncodedContent([new("TC1", (i % 5 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("field", "Hộ tịch")]));
        var sound = await VerifyAsync();
        using (var connection = _app.Database.Open()) connection.Execute(drift, new { counts = new byte[] { 0, 1 } });

        var drifted = await VerifyAsync();

        Assert.True(sound.ExitCode == 0, sound.Output + sound.Error);
        Assert.Contains("integrity_check: ok", sound.Output);
        Assert.Equal(1, drifted.ExitCode);
        Assert.Contains("verify: FAILED", drifted.Output);
        Assert.Contains(named, drifted.Error);
    }

    public void Dispose() => _app.Dispose();
}
