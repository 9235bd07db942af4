namespace SipasSurvey.Bench;

public static class CrashTest
{
    public static Task<int> RunAsync(int concurrency, TimeSpan duration) => Task.FromResult(1);
}
