using System.Threading.RateLimiting;

namespace SipasSurvey.Web;

/// <summary>The "Sipas:Server" section: how many report requests one app server computes at once.</summary>
internal sealed class ServerOptions
{
    /// <summary>
    /// Reports, dashboards and exports computed at once; later ones wait their turn in arrival order, holding no
    /// thread. 0 computes every one at once (the default on SQLite, whose reads never leave the process). On
    /// PostgreSQL the default is <see cref="PostgreSqlConcurrentReports"/> (see <see cref="RequestQueue"/>).
    /// </summary>
    public int? ConcurrentReports { get; set; }

    /// <summary>Report requests allowed to wait; beyond that one is refused at once with 503 and Retry-After.</summary>
    public int QueuedReports { get; set; } = 2_000;

    /// <summary>
    /// As many reports at once as the machine has cores: a report is CPU work in the app server and in PostgreSQL,
    /// and more of them at once only share the same cores more finely, so every report takes longer while the
    /// throughput stays. Measured on 2 cores with 64 clients (uncached, 10 M responses): 16 at once gave commune
    /// reports p99 29–39 ms and rankings p99 259–332 ms, 2 at once 18.6 ms and 186 ms, at no lower throughput
    /// (README, Performance). With PostgreSQL on another machine a report also waits for the network:
    /// raise it there.
    /// </summary>
    public static int PostgreSqlConcurrentReports => Environment.ProcessorCount;

    public int ConcurrentReportsFor(bool sharedEngine) => Math.Max(0, ConcurrentReports ?? (sharedEngine ? PostgreSqlConcurrentReports : 0));
}

/// <summary>
/// Report requests admitted in arrival order. A report holds a thread for its computation and its reads; on
/// PostgreSQL, with 64 BI clients asking at once on 2 cores, the thread pool served the runnable requests in no
/// fair order and some reports waited a whole 10 s load phase behind later ones (README, Performance). Here at most
/// N reports are computed at once and the others wait, oldest first, without a thread, so a report's wait is its
/// place in the queue. Only reports queue: a citizen's form or answer never waits behind a province ranking.
/// </summary>
internal sealed class RequestQueue(RequestDelegate next, ConcurrencyLimiter limiter)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsReport(context.Request.Path))
        {
            await next(context);
            return;
        }
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;   // the caller left while waiting: nothing was computed, nobody to answer
        }
        using (lease)
        {
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                if (StatusPages.WantsHtml(context)) await StatusPages.WritePageAsync(context, 503);
                else await Problems.WriteAsync(context, 503, "Service busy", "Too many reports are waiting on this server; retry in a second.");
                return;
            }
            await next(context);
        }
    }

    private static bool IsReport(PathString path) => path.StartsWithSegments("/api/v1/reports") || path.StartsWithSegments(ReportRoutes.Dashboard);

    /// <summary>Adds the queue when the configuration (or the engine's default) asks for one.</summary>
    public static void Use(WebApplication app)
    {
        var options = app.Configuration.GetSection("Sipas:Server").Get<ServerOptions>() ?? new ServerOptions();
        if (Limiter(options, app.Services.GetRequiredService<IDatabase>().Shared) is not { } limiter) return;
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        app.UseMiddleware<RequestQueue>(limiter);
    }

    /// <summary>The queue's limiter (oldest first) for these options and engine, or null when reports do not queue.</summary>
    public static ConcurrencyLimiter? Limiter(ServerOptions options, bool sharedEngine)
    {
        var permits = options.ConcurrentReportsFor(sharedEngine);
        return permits == 0 ? null : new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = Math.Max(0, options.QueuedReports),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }
}
