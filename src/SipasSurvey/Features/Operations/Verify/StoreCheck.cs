using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Domain.Statistics;
using SipasSurvey.Domain.Time;
using IssueData = SipasSurvey.Features.Slips.Issue.Data;

namespace SipasSurvey.Features.Operations.Verify;

public sealed record StoreReport(IReadOnlyList<string> IntegrityCheck, long Responses, long Slips, long StatsRows, long SlipStatsRows, IReadOnlyList<string> Mismatches)
{
    public bool Ok => IntegrityCheck is ["ok"] && Mismatches.Count == 0;
}

/// <summary>
/// After a crash, a restore or an upgrade: is the file sound, and do the aggregates reports read
/// still equal what the raw rows say? Recomputes every commune's per-day answer counts and issued
/// counts from responses and slips inside one read snapshot, so it can run beside the live service.
/// </summary>
public static class StoreCheck
{
    private const int MaxListed = 20;

    public static StoreReport Run(SqliteConnection connection)
    {
        using var snapshot = connection.BeginTransaction(deferred: true);
        var integrity = connection.Query<string>("PRAGMA integrity_check", transaction: snapshot).ToList();
        var mismatches = new List<string>();
        void Mismatch(string text)
        {
            if (mismatches.Count < MaxListed) mismatches.Add(text);
            else if (mismatches.Count == MaxListed) mismatches.Add("… (further mismatches not listed)");
        }

        foreach (var slipId in connection.Query<long>("SELECT slip_id FROM responses GROUP BY slip_id HAVING count(*) > 1 LIMIT 5", transaction: snapshot))
            Mismatch($"slip {slipId} has more than one response");

        long responses = 0, slips = 0, statsRows = 0, slipStatsRows = 0;
        var communes = connection.Query<string>(
            """
            SELECT code FROM communes UNION SELECT commune_code FROM daily_stats UNION SELECT commune_code FROM daily_slip_stats
            UNION SELECT commune_code FROM monthly_stats UNION SELECT commune_code FROM monthly_slip_stats ORDER BY 1
            """, transaction: snapshot).ToList();
        foreach (var commune in communes)
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

    private static (long Responses, long Rows) CompareAnswers(SqliteConnection connection, SqliteTransaction snapshot, string commune, Action<string> mismatch)
    {
        var expected = new Dictionary<AnswerKey, (long Responses, long[,] Totals)>();
        long count = 0;
        using (var reader = connection.ExecuteReader(
                   """
                   SELECT counter_id, staff_id, field, procedure_code, day, questionnaire_version_id, channel, flags, answers
                   FROM responses WHERE commune_code = @commune
                   """, new { commune }, snapshot))
        {
            while (reader.Read())
            {
                count++;
                var answers = reader.GetString(8);
                // The month's commune total is the '' dimension keyed by month instead of day.
                Accumulate(expected, new AnswerKey("month", reader.GetString(4)[..7], reader.GetInt64(5), reader.GetString(6), reader.GetInt64(7), ""), answers);
                foreach (var (dimension, key) in IssueData.Dimensions(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1),
                             reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)))
                {
                    Accumulate(expected, new AnswerKey(dimension, reader.GetString(4), reader.GetInt64(5), reader.GetString(6), reader.GetInt64(7), key), answers);
                }
            }
        }

        long rows = 0;
        using (var reader = connection.ExecuteReader(
                   """
                   SELECT dimension, day, questionnaire_version_id, channel, flags, dimension_key, responses, counts
                   FROM daily_stats WHERE commune_code = @commune
                   UNION ALL
                   SELECT 'month', month, questionnaire_version_id, channel, flags, '', responses, counts
                   FROM monthly_stats WHERE commune_code = @commune
                   """, new { commune }, snapshot))
        {
            while (reader.Read())
            {
                rows++;
                var id = new AnswerKey(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5));
                var stored = reader.GetInt64(6);
                if (!expected.Remove(id, out var entry))
                {
                    mismatch($"daily_stats {commune} {Describe(id)}: {stored} responses stored, none in the raw rows");
                    continue;
                }
                if (entry.Responses != stored)
                    mismatch($"daily_stats {commune} {Describe(id)}: {stored} responses stored, {entry.Responses} in the raw rows");
                else if (!AnswerCounts.FromTotals(entry.Totals).AsSpan().SequenceEqual((byte[])reader[7]))
                    mismatch($"daily_stats {commune} {Describe(id)}: answer counts differ from the raw rows");
            }
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

    private static (long Slips, long Rows) CompareIssued(SqliteConnection connection, SqliteTransaction snapshot, string commune, Action<string> mismatch)
    {
        var expected = new Dictionary<IssuedKey, long>();
        long count = 0;
        // Through the counters, so the look-up uses slips_by_counter_and_time instead of a full scan.
        foreach (var counter in connection.Query<long>("SELECT id FROM counters WHERE commune_code = @commune", new { commune }, snapshot))
        {
            using var reader = connection.ExecuteReader(
                """
                SELECT staff_id, field, procedure_code, channel, issued_at
                FROM slips WHERE counter_id = @counter AND commune_code = @commune AND revoked_at IS NULL
                """, new { counter, commune }, snapshot);
            while (reader.Read())
            {
                count++;
                var day = VietnamTime.DayKey(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
                var month = new IssuedKey("month", day[..7], reader.GetString(3), "");
                expected[month] = expected.GetValueOrDefault(month) + 1;
                foreach (var (dimension, key) in IssueData.Dimensions(counter, reader.IsDBNull(0) ? null : reader.GetInt64(0),
                             reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)))
                {
                    var id = new IssuedKey(dimension, day, reader.GetString(3), key);
                    expected[id] = expected.GetValueOrDefault(id) + 1;
                }
            }
        }

        long rows = 0;
        using (var reader = connection.ExecuteReader(
                   """
                   SELECT dimension, day, channel, dimension_key, issued FROM daily_slip_stats WHERE commune_code = @commune
                   UNION ALL
                   SELECT 'month', month, channel, '', issued FROM monthly_slip_stats WHERE commune_code = @commune
                   """, new { commune }, snapshot))
        {
            while (reader.Read())
            {
                rows++;
                var id = new IssuedKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                var stored = reader.GetInt64(4);
                expected.Remove(id, out var actual);
                if (stored != actual)
                    mismatch($"daily_slip_stats {commune} {id.Day} {id.Channel} {(id.Dimension == "" ? "total" : $"{id.Dimension}={id.Key}")}: {stored} issued stored, {actual} slips in the raw rows");
            }
        }
        foreach (var (id, actual) in expected)
            mismatch($"daily_slip_stats {commune} {id.Day} {id.Channel} {(id.Dimension == "" ? "total" : $"{id.Dimension}={id.Key}")}: missing, the raw rows hold {actual} slips");
        return (count, rows);
    }
}
