using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Features.Operations.Retention;
using SipasSurvey.Features.Operations.Verify;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

public sealed class RetentionTests : IDisposable
{
    private readonly ClockedTestApp _app = new() { Settings = { ["Sipas:Retention:SignalDays"] = "30" } };

    public RetentionTests() => _ = _app.Demo;

    private (long WithSignals, long Responses, string Answers, long SlipsWithNetwork) State()
    {
        using var connection = _app.Database.Open();
        return (connection.ExecuteScalar<long>("SELECT count(*) FROM responses WHERE network_hash IS NOT NULL OR device_hash IS NOT NULL OR user_agent_family IS NOT NULL"),
            connection.ExecuteScalar<long>("SELECT count(*) FROM responses"),
            string.Join(",", connection.Query<string>("SELECT answers || ':' || coalesce(comment, '') || ':' || flags FROM responses ORDER BY id")),
            connection.ExecuteScalar<long>("SELECT count(*) FROM slips WHERE issue_network IS NOT NULL"));
    }

    [Fact]
    public async Task Network_and_device_signals_are_forgotten_after_the_retention_period_and_nothing_else_is()
    {
        using var client = _app.NewClient();
        foreach (var token in (await SlipApi.IssueAsync(_app, 3)).Select(s => s.GetProperty("token").GetString()!))
            await client.PostAsync("/s/" + token, new FormUrlEncodedContent([new("TC1", "5"), new("comment", "Tốt")]));
        var before = State();
        _app.Clock.Advance(TimeSpan.FromDays(29));
        await _app.Services.GetRequiredService<SignalPurge>().RunOnceAsync();
        var early = State();
        var fresh = (await SlipApi.IssueAsync(_app))[0].GetProperty("token").GetString()!;
        await client.PostAsync("/s/" + fresh, new FormUrlEncodedContent([new("TC1", "3")]));
        _app.Clock.Advance(TimeSpan.FromDays(2));

        // The hourly timer may have run it already as the clock moved; either way the outcome is the same.
        await _app.Services.GetRequiredService<SignalPurge>().RunOnceAsync();
        var after = State();

        Assert.Equal(3, before.WithSignals);
        Assert.Equal(3, early.WithSignals);
        Assert.Equal(1, after.WithSignals);         // the recent one keeps its signals
        Assert.True(after.SlipsWithNetwork < early.SlipsWithNetwork);
        Assert.Equal(4, after.Responses);
        Assert.StartsWith(before.Answers, after.Answers, StringComparison.Ordinal);   // answers, comments and flags untouched
        Assert.True(StoreCheck.Run(_app.Database).Ok);
    }

    public void Dispose() => _app.Dispose();
}
