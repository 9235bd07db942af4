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
        if (days.Count > 0)
        {
            var stored = Data.StoredDays(connection, days.Keys);
            foreach (var (key, tally) in days)
            {
                var counts = AnswerCounts.FromTotals(tally.Totals);
                if (stored.TryGetValue(key, out var row)) Data.SetAnswers(connection, key, row.Responses + tally.Responses, AnswerCounts.Add(row.Counts, counts));
                else Data.AddAnswers(connection, key, tally.Responses, counts);
            }
        }
        if (months.Count > 0)
        {
            var stored = Data.StoredMonths(connection, months.Keys);
            foreach (var (key, tally) in months)
            {
                var counts = AnswerCounts.FromTotals(tally.Totals);
                if (stored.TryGetValue(key, out var row)) Data.SetMonth(connection, key, row.Responses + tally.Responses, AnswerCounts.Add(row.Counts, counts));
                else Data.AddMonth(connection, key, tally.Responses, counts);
            }
        }
        foreach (var (key, delta) in issued) if (delta != 0) Data.AddIssued(connection, key, delta);
        foreach (var (key, delta) in issuedMonths) if (delta != 0) Data.AddIssuedMonth(connection, key, delta);
    }

    public void AfterCommit(IReadOnlyList<object> facts)
    {
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
