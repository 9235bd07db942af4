using SipasSurvey.Features.Slips;

namespace SipasSurvey.Features.Survey.Submit;

/// <summary>Integrity signals, a bit each in responses.flags. They mark a response for review; nothing is ever deleted.</summary>
[Flags]
internal enum IntegritySignal : long
{
    None = 0,

    /// <summary>Answered within seconds of printing: faster than a citizen who just walked away with the slip.</summary>
    QuickAfterPrint = 1,

    /// <summary>Sent from the same network (/24) as the counter that printed the slip.</summary>
    CounterNetwork = 2,

    /// <summary>One device (address + browser) answering several slips within a day.</summary>
    RepeatDevice = 4,

    /// <summary>
    /// Part of a run of all-top-score answers at one counter, far above the commune's usual rate; on the
    /// counter's kiosk, a burst of them within minutes.
    /// </summary>
    TopScoreStreak = 8,
}

/// <summary>The "Sipas:Integrity" section.</summary>
internal sealed class IntegrityRules
{
    public int QuickSeconds { get; set; } = 20;

    /// <summary>Responses from one device within 24 hours beyond which later ones are flagged.</summary>
    public int DevicePerDay { get; set; } = 3;

    /// <summary>Consecutive all-top responses at a counter that make a streak…</summary>
    public int StreakLength { get; set; } = 10;

    /// <summary>…when the commune's usual share of all-top responses is below this.</summary>
    public double StreakBaselineBelow { get; set; } = 0.4;

    /// <summary>On a kiosk: this many consecutive all-top answers…</summary>
    public int KioskBurstLength { get; set; } = 5;

    /// <summary>…all within this many minutes make a burst (the commune's usual rate is checked as for a streak).</summary>
    public int KioskBurstMinutes { get; set; } = 30;

    public static readonly IntegrityRules Default = new();
}

/// <summary>
/// Computed before the response is queued, from what the database already holds: the slip's printing
/// time and network, the device's other answers, the counter's and commune's recent answers.
/// </summary>
internal static class Integrity
{
    /// <summary>
    /// The signals of one answer. <paramref name="deviceAnswers"/> is the device's answers within the day when the
    /// caller read them already (with the slip, in the same round trip); otherwise they are read here.
    /// </summary>
    public static long Compute(DbConnection connection, SlipView slip, string channel, string answers, Web.ClientSignals signals, DateTimeOffset submittedAt,
        IntegrityRules rules, long? deviceAnswers = null)
    {
        var flags = IntegritySignal.None;
        if (submittedAt - slip.IssuedAt < TimeSpan.FromSeconds(rules.QuickSeconds)) flags |= IntegritySignal.QuickAfterPrint;
        if (channel == Domain.Responses.Channels.Kiosk)
        {
            // The kiosk is the counter's own tablet on the counter's network, answering one citizen after
            // another: the network and device signals would mark every answer, so they are not used.
            if (AllTop(answers) && IsKioskBurst(connection, slip, submittedAt, rules)) flags |= IntegritySignal.TopScoreStreak;
            return (long)flags;
        }
        if (slip.IssueNetwork is { } printed && signals.NetworkHash is { } sent && printed.AsSpan().SequenceEqual(sent)) flags |= IntegritySignal.CounterNetwork;
        // Bounded by LIMIT: a device sending thousands of answers must not make each one costlier.
        if (signals.DeviceHash is { } device
            && (deviceAnswers ?? Data.DeviceAnswersSince(connection, device, DeviceWindowStart(submittedAt), rules.DevicePerDay)) >= rules.DevicePerDay)
            flags |= IntegritySignal.RepeatDevice;
        if (AllTop(answers) && IsStreak(connection, slip, rules)) flags |= IntegritySignal.TopScoreStreak;
        return (long)flags;
    }

    /// <summary>A device's answers are counted over the day before an answer.</summary>
    public static DateTimeOffset DeviceWindowStart(DateTimeOffset submittedAt) => submittedAt.AddDays(-1);

    private static bool IsKioskBurst(DbConnection connection, SlipView slip, DateTimeOffset submittedAt, IntegrityRules rules)
    {
        var previous = Data.LatestKioskAtCounter(connection, slip.CounterId, submittedAt.AddMinutes(-rules.KioskBurstMinutes), rules.KioskBurstLength - 1);
        return previous.Count >= rules.KioskBurstLength - 1 && previous.All(AllTop) && IsUsuallyLower(connection, slip, rules);
    }

    private static bool AllTop(string answers) => answers.Any(c => c == '5') && answers.All(c => c is '5' or '0');

    private static bool IsStreak(DbConnection connection, SlipView slip, IntegrityRules rules)
    {
        var previous = Data.LatestAtCounter(connection, slip.CounterId, rules.StreakLength - 1);
        return previous.Count >= rules.StreakLength - 1 && previous.All(AllTop) && IsUsuallyLower(connection, slip, rules);
    }

    /// <summary>The commune's usual share of all-top answers is well below a run of them.</summary>
    private static bool IsUsuallyLower(DbConnection connection, SlipView slip, IntegrityRules rules)
    {
        var usual = Data.LatestInCommune(connection, slip.CommuneCode);
        return usual.Count >= 2 * rules.StreakLength && (double)usual.Count(AllTop) / usual.Count < rules.StreakBaselineBelow;
    }
}
