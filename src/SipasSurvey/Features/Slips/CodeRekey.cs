using SipasSurvey.Domain.Slips;

namespace SipasSurvey.Features.Slips;

/// <summary>
/// Re-keys the typed-code hashes of slips issued before codes were keyed (migration 0011 lists them):
/// each code is derived again from its slip's seed and the token key, so every printed slip keeps
/// working. Runs once at start-up, before the first request, in batches that each commit: a crash
/// midway resumes where it stopped. Nothing to do on a database created after the change.
/// </summary>
internal sealed class CodeRekey(IDatabase database, ServerKeys keys, ILogger<CodeRekey> logger) : IHostedService
{
    private const int Batch = 5_000;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Run();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Re-keys every listed slip; returns how many.</summary>
    public long Run()
    {
        long done = 0;
        var total = CodesToRekey.Count(database);
        if (total == 0) return 0;
        using var connection = database.Open();
        logger.LogInformation("Keying the typed-code hashes of {Total} slips issued before codes were keyed", total);
        while (true)
        {
            var slips = CodesToRekey.Next(connection, Batch);
            if (slips.Count == 0) break;
            CodesToRekey.Rekey(connection, slips.Select(s => (s.Id, SlipSecrets.CodeHash(keys.TokenKey, SlipSecrets.Code(keys.TokenKey, s.Seed)))).ToList());
            done += slips.Count;
            if (done % 100_000 < Batch) logger.LogInformation("Keyed {Done} of {Total} typed-code hashes", done, total);
        }
        logger.LogInformation("Typed-code hashes keyed: {Done} slips", done);
        return done;
    }
}
