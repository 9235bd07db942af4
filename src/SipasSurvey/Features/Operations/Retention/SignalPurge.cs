using Microsoft.Extensions.Options;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Operations.Retention;

/// <summary>The "Sipas:Retention" configuration section.</summary>
internal sealed class RetentionOptions
{
    /// <summary>Days the network and device hashes behind integrity signals are kept; the flags they produced stay.</summary>
    public int SignalDays { get; set; } = 180;

    /// <summary>How often the purge runs (1 minute to 1 week).</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Forgets, after the retention period, everything that could tie a response to a network or a
/// phone: the keyed hashes and the browser family on responses, the printing network on slips.
/// Answers, comments and integrity flags are evidence and stay. Runs through the writer in small
/// transactions so submissions never wait long behind it.
/// </summary>
internal sealed class SignalPurge(DatabaseWriter writer, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<SignalPurge> logger) : BackgroundService
{
    private const int Chunk = 2_000;

    /// <summary>Purges everything older than the retention period; returns how many rows were cleared.</summary>
    public async Task<(long Responses, long Slips)> RunOnceAsync()
    {
        var now = clock.GetUtcNow();
        // App servers sharing a database take turns: the one holding the lease purges, the others skip this round.
        if (writer.Shared && !await writer.RunAsync(c => JobLeases.TryTake(c.Connection, LeaseName, now, TimeSpan.FromMinutes(30))))
            return (0, 0);
        try
        {
            return await PurgeAsync(now);
        }
        finally
        {
            if (writer.Shared) await writer.RunAsync(c => { JobLeases.Release(c.Connection, LeaseName); return true; });
        }
    }

    private const string LeaseName = "retention-purge";

    private async Task<(long Responses, long Slips)> PurgeAsync(DateTimeOffset now)
    {
        var cutoff = now.AddDays(-options.Value.SignalDays);
        long responses = 0, slips = 0;
        while (true)
        {
            var cleared = await writer.RunAsync(c => Data.ClearResponseSignals(c.Connection, cutoff, Chunk));
            responses += cleared;
            if (cleared < Chunk) break;
        }
        while (true)
        {
            var cleared = await writer.RunAsync(c => Data.ClearSlipNetworks(c.Connection, cutoff, Chunk));
            slips += cleared;
            if (cleared < Chunk) break;
        }
        await writer.RunAsync(c =>
        {
            Data.ForgetSignInBookkeeping(c.Connection, now.AddDays(-1));
            return true;
        });
        if (responses + slips > 0)
            logger.LogInformation("Retention: cleared network and device signals of {Responses} responses and {Slips} slips older than {Days} days",
                responses, slips, options.Value.SignalDays);
        return (responses, slips);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Clamp(options.Value.IntervalMinutes, 1, 7 * 24 * 60)), clock);
        do
        {
            try
            {
                await RunOnceAsync();
            }
            catch (Infrastructure.ServiceUnavailableException e)
            {
                logger.LogWarning("Retention purge postponed: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
