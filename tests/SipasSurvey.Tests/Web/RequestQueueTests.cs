using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Web;

namespace SipasSurvey.Tests.Web;

/// <summary>The report queue (Web/RequestQueue.cs): reports admitted oldest first, everything else never queued, a full queue refused with 503.</summary>
[Trait("Engine", "sqlite")]
public sealed class RequestQueueTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    [Fact]
    public async Task Reports_run_one_at_a_time_oldest_first_other_requests_pass_and_a_full_queue_answers_503_with_retry_after()
    {
        // The limiter the service builds (RequestQueue.Use): one report at a time, two waiting.
        using var limiter = RequestQueue.Limiter(new ServerOptions { ConcurrentReports = 1, QueuedReports = 2 }, sharedEngine: true)!;
        var started = new List<string>();
        var release = new Dictionary<string, TaskCompletionSource>();
        var queue = new RequestQueue(context =>
        {
            var name = context.Request.Path.Value!;
            lock (started) started.Add(name);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (release) release[name] = done;
            return done.Task;
        }, limiter);

        var first = queue.InvokeAsync(Request("/api/v1/reports/communes/00070"));
        var second = queue.InvokeAsync(Request("/api/v1/reports/provinces/01/ranking"));
        var third = queue.InvokeAsync(Request("/reports/communes/00073"));
        Assert.Equal(["/api/v1/reports/communes/00070"], Snapshot(started));

        // Not a report: no queue, even while reports wait.
        var form = queue.InvokeAsync(Request("/s/abc"));
        Assert.Equal(["/api/v1/reports/communes/00070", "/s/abc"], Snapshot(started));

        // One computing and two waiting: the next report is refused at once.
        var refused = Request("/api/v1/reports/communes/00074");
        await queue.InvokeAsync(refused);
        Assert.Equal(503, refused.Response.StatusCode);
        Assert.Equal("1", refused.Response.Headers.RetryAfter.ToString());
        refused.Response.Body.Position = 0;
        Assert.Contains("Too many reports are waiting", await new StreamReader(refused.Response.Body).ReadToEndAsync());

        Finish(release, "/s/abc");
        await form;
        Finish(release, "/api/v1/reports/communes/00070");
        await first;
        await WaitFor(() => Snapshot(started).Count == 3);
        Assert.Equal("/api/v1/reports/provinces/01/ranking", Snapshot(started)[2]);
        Finish(release, "/api/v1/reports/provinces/01/ranking");
        await second;
        await WaitFor(() => Snapshot(started).Count == 4);
        Assert.Equal("/reports/communes/00073", Snapshot(started)[3]);
        Finish(release, "/reports/communes/00073");
        await third;
    }

    [Fact]
    public async Task A_caller_that_leaves_while_waiting_is_never_computed()
    {
        using var limiter = RequestQueue.Limiter(new ServerOptions { ConcurrentReports = 1, QueuedReports = 5 }, sharedEngine: true)!;
        var computed = 0;
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new RequestQueue(_ =>
        {
            Interlocked.Increment(ref computed);
            return hold.Task;
        }, limiter);
        var first = queue.InvokeAsync(Request("/api/v1/reports/communes/00070"));
        using var gone = new CancellationTokenSource();
        var leaving = Request("/api/v1/reports/communes/00071");
        leaving.RequestAborted = gone.Token;
        var waiting = queue.InvokeAsync(leaving);
        await gone.CancelAsync();
        await waiting;
        hold.SetResult();
        await first;
        Assert.Equal(1, computed);
    }

    [Fact]
    public void The_queue_is_on_by_default_on_a_shared_engine_only_and_configurable()
    {
        Assert.Equal(Environment.ProcessorCount, new ServerOptions().ConcurrentReportsFor(sharedEngine: true));
        Assert.Equal(0, new ServerOptions().ConcurrentReportsFor(sharedEngine: false));
        Assert.Equal(4, new ServerOptions { ConcurrentReports = 4 }.ConcurrentReportsFor(sharedEngine: false));
        Assert.Equal(0, new ServerOptions { ConcurrentReports = 0 }.ConcurrentReportsFor(sharedEngine: true));
        Assert.Null(RequestQueue.Limiter(new ServerOptions(), sharedEngine: false));
    }

    private static DefaultHttpContext Request(string path)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Path = path;
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static List<string> Snapshot(List<string> started)
    {
        lock (started) return [.. started];
    }

    private static void Finish(Dictionary<string, TaskCompletionSource> release, string name)
    {
        lock (release) release[name].SetResult();
    }

    // By the clock, not by a count of delays: with the whole suite running, the thread pool can be slow to run both
    // the queued report's continuation and this loop's (this test failed once, in a parallel run, on a 2 s count).
    private static async Task WaitFor(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(10);
        Assert.True(condition(), $"not so after {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
