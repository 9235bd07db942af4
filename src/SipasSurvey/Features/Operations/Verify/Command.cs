namespace SipasSurvey.Features.Operations.Verify;

/// <summary>The "verify" verb: exit 0 when the file is sound and every aggregate equals its recomputation.</summary>
internal static class Command
{
    public static int Run(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var report = StoreCheck.Run(services.GetRequiredService<IDatabase>());
        output.WriteLine($"integrity_check: {string.Join("; ", report.IntegrityCheck.Take(10))}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recomputed {report.StatsRows} answer-count rows from {report.Responses} responses and {report.SlipStatsRows} issued-count rows from {report.Slips} slips"));
        foreach (var mismatch in report.Mismatches) error.WriteLine(mismatch);
        output.WriteLine(report.Ok ? "verify: ok" : "verify: FAILED");
        return report.Ok ? 0 : 1;
    }
}
