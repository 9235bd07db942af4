using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;
using Xunit.Abstractions;

namespace SipasSurvey.Tests.Operations;

/// <summary>The load generator's crash scenario, small: SIGKILL mid-load, restart, nothing acknowledged is lost.</summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = TempFolder.Create("crash");

    [Fact]
    public async Task Killing_the_server_mid_load_loses_no_acknowledged_submission_and_leaves_aggregates_exact()
    {
        var result = await CrashTest.RunAsync(_data, concurrency: 16, before: TimeSpan.FromSeconds(1.5), after: TimeSpan.FromSeconds(1), slips: 8_000, output.WriteLine,
            TestEngine.ProcessEnvironment(_data));

        Assert.True(result.Acknowledged >= 100, $"only {result.Acknowledged} submissions acknowledged before the kill");
        Assert.True(result.FailedByTheKill > 0, "the kill did not interrupt any request: it came after the load");
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.StoredMoreThanOnce);
        Assert.Equal(0, result.ReplaysWrong);
        Assert.True(result.AcknowledgedAfterRestart > 0, "no submission was accepted after the restart");
        Assert.True(result.VerifyOk, result.VerifyOutput);
        Assert.Contains("integrity_check: ok", result.VerifyOutput);
    }

    public void Dispose() => TempFolder.Delete(_data);
}
