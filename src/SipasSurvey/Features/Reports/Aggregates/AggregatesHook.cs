using SipasSurvey.Domain.Statistics;
using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Reports.Aggregates;

/// <summary>
/// Keeps the aggregates equal to the raw rows, in the same transaction as the answers and slips that
/// change them: a batch's answers are summed in memory per aggregate row, and each row is written
/// once per batch instead of once per answer. Rows are written in key order, so two servers writing
/// the same commune and day take their locks in the same order and cannot deadlock.
/// </summary>
internal sealed class AggregatesHook : IWriteHook
{
    public void BeforeCommit(DbConnection connection, IReadOnlyList<object> facts)
    {
        var days = new SortedDictionary<AnswerKey, Tally>(AnswerKey.Order);
        var months = new SortedDictionary<MonthKey, Tally>(MonthKey.Order);
        var issued = new SortedDictionary<IssuedKey, long>(IssuedKey.Order);
        var issuedMonths = new SortedDictionary<IssuedMonthKey, long>(IssuedMonthKey.Order);
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case AnswerStored answer:
                    foreach (var (dimension, key) in Dimensions.Of(answer.CounterId, answer.StaffId, answer.Field, answer.ProcedureCode))
                        Count(days, new AnswerKey(answer.CommuneCode, dimension, answer.Day, answer.QuestionnaireVersionId, answer.Channel, answer.Flags, key), answer.Answers);
                    Count(months, new MonthKey(answer.CommuneCode, answer.Day[..7], answer.QuestionnaireVersionId, answer.Channel, answer.Flags), answer.Answers);
                    break;
                case SlipsCounted slips:
                    foreach (var (dimension, key) in Dimensions.Of(slips.CounterId, slips.StaffId, slips.Field, slips.ProcedureCode))
                    {
                        var id = new IssuedKey(slips.CommuneCode, dimension, slips.Day, slips.Channel, key);
                        issued[id] = issued.GetValueOrDefault(id) + slips.Delta;
                    }
                    var month = new IssuedMonthKey(slips.CommuneCode, slips.Day[..7], slips.Channel);
                    issuedMonths[month] = issuedMonths.GetValueOrDefault(month) + slips.Delta;
                    break;
            }
        }
        Write(days, keys => Data.StoredDays(connection, keys), (key, n, counts) => Data.SetAnswers(connection, key, n, counts),
            (key, n, counts) => Data.AddAnswers(connection, key, n, counts));
        Write(months, keys => Data.StoredMonths(connection, keys), (key, n, counts) => Data.SetMonth(connection, key, n, counts),
            (key, n, counts) => Data.AddMonth(connection, key, n, counts));
        foreach (var (key, delta) in issued) if (delta != 0) Data.AddIssued(connection, key, delta);
        foreach (var (key, delta) in issuedMonths) if (delta != 0) Data.AddIssuedMonth(connection, key, delta);
    }

    public void AfterCommit(IReadOnlyList<object> facts)
    {
    }

    /// <summary>Each tallied row merged in memory with its stored counts (read and locked at once), or inserted when there is none.</summary>
    private static void Write<TKey>(SortedDictionary<TKey, Tally> tallies, Func<IReadOnlyCollection<TKey>, Dictionary<TKey, StoredTotals>> stored,
        Action<TKey, long, byte[]> set, Action<TKey, long, byte[]> insert) where TKey : notnull
    {
        if (tallies.Count == 0) return;
        var rows = stored(tallies.Keys);
        foreach (var (key, tally) in tallies)
        {
            var counts = AnswerCounts.FromTotals(tally.Totals);
            if (rows.TryGetValue(key, out var row)) set(key, row.Responses + tally.Responses, AnswerCounts.Add(row.Counts, counts));
            else insert(key, tally.Responses, counts);
        }
    }

    private static void Count<TKey>(SortedDictionary<TKey, Tally> tallies, TKey key, string answers) where TKey : notnull
    {
        if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally(answers.Length);
        tally.Add(answers);
    }

    private sealed class Tally(int items)
    {
        public long Responses { get; private set; }

        public long[,] Totals { get; } = new long[items, AnswerCounts.Values];

        public void Add(string answers)
        {
            Responses++;
            for (var item = 0; item < answers.Length && item < Totals.GetLength(0); item++)
                if (answers[item] is >= '1' and <= '5') Totals[item, answers[item] - '1']++;
        }
    }
}
