using Microsoft.Data.Sqlite;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Survey.Submit;

/// <summary>Integrity signals, a bit each in responses.flags. They mark a response for review; nothing is ever deleted.</summary>
[Flags]
public enum IntegritySignal : long
{
    None = 0,

    /// <summary>Answered within seconds of printing: faster than a citizen who just walked away with the slip.</summary>
    QuickAfterPrint = 1,

    /// <summary>Sent from the same network (/24) as the counter that printed the slip.</summary>
    CounterNetwork = 2,

    /// <summary>One device (address + browser) answering several slips within a day.</summary>
    RepeatDevice = 4,

    /// <summary>Part of a run of all-top-score answers at one counter, far above the commune's usual rate.</summary>
    TopScoreStreak = 8,
}

/// <summary>The "Sipas:Integrity" section.</summary>
public sealed class IntegrityRules
{
    public int QuickSeconds { get; set; } = 20;

    /// <summary>Responses from one device within 24 hours beyond which later ones are flagged.</summary>
    public int DevicePerDay { get; set; } = 3;

    /// <summary>Consecutive all-top responses at a counter that make a streak…</summary>
    public int StreakLength { get; set; } = 10;

    /// <summary>…when the commune's usual share of all-top responses is below this.</summary>
    public double StreakBaselineBelow { get; set; } = 0.4;

    public static readonly IntegrityRules Default = new();
}

/// <summary>
/// Computed inside the submission's transaction, from what the database already holds: the slip's
/// printing time and network, the device's other answers, the counter's and commune's recent answers.
/// </summary>
public static class Integrity
{
    public static long Compute(SqliteConnection connection, Slips.SlipView slip, Submission submission)
    {
        var rules = submission.Rules ?? IntegrityRules.Default;
        var flags = IntegritySignal.None;
        if (submission.SubmittedAt - slip.IssuedAt < TimeSpan.FromSeconds(rules.QuickSeconds)) flags |= IntegritySignal.QuickAfterPrint;
        if (slip.IssueNetwork is { } printed && submission.NetworkHash is { } sent && printed.AsSpan().SequenceEqual(sent)) flags |= IntegritySignal.CounterNetwork;
        // Bounded by LIMIT: a device sending thousands of answers must not make each one costlier.
        if (submission.DeviceHash is { } device && Count(connection,
                "SELECT count(*) FROM (SELECT 1 FROM responses WHERE device_hash = $device AND submitted_at > $since LIMIT $limit)",
                ("$device", device), ("$since", submission.SubmittedAt.AddDays(-1).ToUnixTimeMilliseconds()), ("$limit", rules.DevicePerDay)) >= rules.DevicePerDay)
            flags |= IntegritySignal.RepeatDevice;
        if (AllTop(submission.Response.Answers) && IsStreak(connection, slip, rules)) flags |= IntegritySignal.TopScoreStreak;
        return (long)flags;
    }

    private static bool AllTop(string answers) => answers.Any(c => c == '5') && answers.All(c => c is '5' or '0');

    private static bool IsStreak(SqliteConnection connection, Slips.SlipView slip, IntegrityRules rules)
    {
        var previous = Strings(connection, "SELECT answers FROM responses WHERE counter_id = $counter ORDER BY id DESC LIMIT $n",
            ("$counter", slip.CounterId), ("$n", rules.StreakLength - 1));
        if (previous.Count < rules.StreakLength - 1 || !previous.All(AllTop)) return false;
        var usual = Strings(connection, "SELECT answers FROM responses WHERE commune_code = $commune ORDER BY day DESC, id DESC LIMIT 200",
            ("$commune", slip.CommuneCode));
        return usual.Count >= 2 * rules.StreakLength && (double)usual.Count(AllTop) / usual.Count < rules.StreakBaselineBelow;
    }

    private static long Count(SqliteConnection connection, string sql, params (string, object?)[] parameters) =>
        (long)Prepared.Command(connection, sql, parameters).ExecuteScalar()!;

    private static List<string> Strings(SqliteConnection connection, string sql, params (string, object?)[] parameters)
    {
        using var reader = Prepared.Command(connection, sql, parameters).ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
