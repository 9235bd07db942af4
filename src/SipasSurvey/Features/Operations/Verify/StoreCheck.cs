using SipasSurvey.Domain.Statistics;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Reports.Aggregates;

namespace SipasSurvey.Features.Operations.Verify;

internal sealed record StoreReport(IReadOnlyList<string> IntegrityCheck, long Responses, long Slips, long StatsRows, long SlipStatsRows, IReadOnlyList<string> Mismatches)
{
    public bool Ok => IntegrityCheck is ["ok"] && Mismatches.Count == 0;
}

/// <summary>
/// After a crash, a restore or an upgrade: is the store sound, and do the aggregates reports read
/// still equal what the raw rows say? Recomputes every commune's per-day answer counts and issued
/// counts from responses and slips inside one read snapshot, so it can run beside the live service.
/// </summary>
internal static class StoreCheck
{
    private const int MaxListed = 20;

    public static StoreReport Run(IDatabase database)
    {
        using var connection = database.Open();
        using var snapshot = database.BeginSnapshot(connection);
        var integrity = database.IntegrityCheck(connection, snapshot);
        var mismatches = new List<string>();
        void Mismatch(string text)
        {
            if (mismatches.Count < MaxListed) mismatches.Add(text);
            else if (mismatches.Count == MaxListed) mismatches.Add("… (further mismatches not listed)");
        }

        foreach (var slipId in Data.SlipsWithSeveralResponses(connection, snapshot)) Mismatch($"slip {slipId} has more than one response");

        long responses = 0, slips = 0, statsRows = 0, slipStatsRows = 0;
        foreach (var commune in Data.Communes(connection, snapshot))
        {
            var (counted, rows) = CompareAnswers(connection, snapshot, commune, Mismatch);
            responses += counted;
            statsRows += rows;
            var (issued, slipRows) = CompareIssued(connection, snapshot, commune, Mismatch);
            slips += issued;
            slipStatsRows += slipRows;
        }
        return new(integrity, responses, slips, statsRows, slipStatsRows, mismatches);
    }

    private readonly record struct AnswerKey(string Dimension, string Day, long Version, string Channel, long Flags, string Key);

    private static (long Responses, long Rows) CompareAnswers(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction snapshot, string commune, Action<string> mismatch)
    {
        var expected = new Dictionary<AnswerKey, (long Responses, long[,] Totals)>();
        long count = 0;
        foreach (var response in Data.Responses(connection, snapshot, commune))
        {
            count++;
            // The month's commune total is the '' dimension keyed by month instead of day.
            Accumulate(expected, new AnswerKey("month", response.Day[..7], response.QuestionnaireVersionId, response.Channel, response.Flags, ""), response.Answers);
            foreach (var (dimension, key) in Dimensions.Of(response.CounterId, response.StaffId, response.Field, response.ProcedureCode))
                Accumulate(expected, new AnswerKey(dimension, response.Day, response.QuestionnaireVersionId, response.Channel, response.Flags, key), response.Answers);
        }

        long rows = 0;
        foreach (var stored in Data.AnswerAggregates(connection, snapshot, commune))
        {
            rows++;
            var id = new AnswerKey(stored.Dimension, stored.Day, stored.QuestionnaireVersionId, stored.Channel, stored.Flags, stored.DimensionKey);
            if (!expected.Remove(id, out var entry))
            {
                mismatch($"daily_stats {commune} {Describe(id)}: {stored.Responses} responses stored, none in the raw rows");
                continue;
            }
            if (entry.Responses != stored.Responses)
                mismatch($"daily_stats {commune} {Describe(id)}: {stored.Responses} responses stored, {entry.Responses} in the raw rows");
            else if (!AnswerCounts.FromTotals(entry.Totals).AsSpan().SequenceEqual(stored.Counts))
                mismatch($"daily_stats {commune} {Describe(id)}: answer counts differ from the raw rows");
        }
        foreach (var (id, entry) in expected)
            mismatch($"daily_stats {commune} {Describe(id)}: missing, the raw rows hold {entry.Responses} responses");
        return (count, rows);
    }

    private static void Accumulate(Dictionary<AnswerKey, (long Responses, long[,] Totals)> expected, AnswerKey id, string answers)
    {
        if (!expected.TryGetValue(id, out var entry)) entry = (0, new long[answers.Length, AnswerCounts.Values]);
        for (var item = 0; item < answers.Length && item < entry.Totals.GetLength(0); item++)
            if (answers[item] is >= '1' and <= '5') entry.Totals[item, answers[item] - '1']++;
        expected[id] = (entry.Responses + 1, entry.Totals);
    }

    private static string Describe(AnswerKey id) =>
        string.Create(CultureInfo.InvariantCulture, $"{id.Day} version {id.Version} {id.Channel} flags {id.Flags} {id.Dimension switch { "" => "total", "month" => "month total", _ => $"{id.Dimension}={id.Key}" }}");

    private readonly record struct IssuedKey(string Dimension, string Day, string Channel, string Key);

    private static (long Slips, long Rows) CompareIssued(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction snapshot, string commune, Action<string> mismatch)
    {
        var expected = new Dictionary<IssuedKey, long>();
        long count = 0;
        foreach (var counter in Data.Counters(connection, snapshot, commune))
            foreach (var slip in Data.IssuedSlips(connection, snapshot, counter, commune))
            {
                count++;
                var day = VietnamTime.DayKey(slip.IssuedAt);
                var month = new IssuedKey("month", day[..7], slip.Channel, "");
                expected[month] = expected.GetValueOrDefault(month) + 1;
                foreach (var (dimension, key) in Dimensions.Of(counter, slip.StaffId, slip.Field, slip.ProcedureCode))
                {
                    var id = new IssuedKey(dimension, day, slip.Channel, key);
                    expected[id] = expected.GetValueOrDefault(id) + 1;
                }
            }

        long rows = 0;
        foreach (var stored in Data.IssuedAggregates(connection, snapshot, commune))
        {
            rows++;
            var id = new IssuedKey(stored.Dimension, stored.Day, stored.Channel, stored.DimensionKey);
            expected.Remove(id, out var actual);
            if (stored.Issued != actual)
                mismatch($"daily_slip_stats {commune} {id.Day} {id.Channel} {(id.Dimension == "" ? "total" : $"{id.Dimension}={id.Key}")}: {stored.Issued} issued stored, {actual} slips in the raw rows");
        }
        foreach (var (id, actual) in expected)
            mismatch($"daily_slip_stats {commune} {id.Day} {id.Channel} {(id.Dimension == "" ? "total" : $"{id.Dimension}={id.Key}")}: missing, the raw rows hold {actual} slips");
        return (count, rows);
    }
}
