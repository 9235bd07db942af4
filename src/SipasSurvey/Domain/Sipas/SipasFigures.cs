using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Domain.Sipas;

/// <summary>One item: R_i = (n4 + n5) / N_i × 100 over the valid (non-blank) answers N_i.</summary>
public sealed record ItemFigure(
    string Id, string ComponentId, string QuestionnaireVersion, long[] Counts, long Answers, long Satisfied, long Dissatisfied,
    double? Rate, double? Ci95Low, double? Ci95High, double? MeanScore);

/// <summary>C_k: the mean of R_i over the component's items that have answers (each item weighs the same).</summary>
public sealed record ComponentFigure(string Id, double? Index, long Answers, long Satisfied);

/// <summary>Figures of one questionnaire version over a set of responses.</summary>
public sealed record VersionFigures(
    string QuestionnaireVersion, long Responses, IReadOnlyList<ItemFigure> Items, IReadOnlyList<ComponentFigure> Components,
    double? ServiceIndex, double? MeanScore, double? DissatisfiedShare, long Answers, long Satisfied, long Dissatisfied);

/// <summary>
/// Figures across questionnaire versions. Items are never mixed: they stay per version. Components
/// (same id, same meaning across versions) and S are combined as response-weighted means of the
/// per-version values; mean score and dissatisfied share pool every answer.
/// </summary>
public sealed record CombinedFigures(
    long Responses, double? ServiceIndex, IReadOnlyList<ComponentFigure> Components, IReadOnlyList<ItemFigure> Items,
    IReadOnlyList<VersionFigures> Versions, double? MeanScore, double? DissatisfiedShare,
    long Answers, long Satisfied, double? SatisfiedShare, double? SatisfiedCi95Low, double? SatisfiedCi95High);

/// <summary>The formulas of docs/domain.md §4.</summary>
public static class SipasFigures
{
    public static VersionFigures ForVersion(QuestionnaireDefinition definition, long[,] counts, long responses)
    {
        var items = new List<ItemFigure>(definition.Items.Count);
        long totalAnswers = 0, totalSatisfied = 0, totalDissatisfied = 0, scoreSum = 0;
        foreach (var item in definition.Items)
        {
            var n = new long[5];
            for (var v = 0; v < 5; v++) n[v] = item.Index < counts.GetLength(0) ? counts[item.Index, v] : 0;
            var answers = n.Sum();
            var satisfied = n[3] + n[4];
            var dissatisfied = n[0] + n[1];
            var score = n[0] + 2 * n[1] + 3 * n[2] + 4 * n[3] + 5 * n[4];
            var ci = Wilson.Interval(satisfied, answers);
            items.Add(new ItemFigure(item.Id, item.ComponentId, definition.Key, n, answers, satisfied, dissatisfied,
                answers > 0 ? 100.0 * satisfied / answers : null, ci?.Low, ci?.High, answers > 0 ? (double)score / answers : null));
            totalAnswers += answers;
            totalSatisfied += satisfied;
            totalDissatisfied += dissatisfied;
            scoreSum += score;
        }
        var components = definition.Components.Select(c =>
        {
            var rates = items.Where(i => i.ComponentId == c.Id && i.Rate is not null).Select(i => i.Rate!.Value).ToList();
            var of = items.Where(i => i.ComponentId == c.Id).ToList();
            return new ComponentFigure(c.Id, rates.Count > 0 ? rates.Average() : null, of.Sum(i => i.Answers), of.Sum(i => i.Satisfied));
        }).ToList();
        var present = components.Where(c => c.Index is not null).Select(c => c.Index!.Value).ToList();
        return new VersionFigures(definition.Key, responses, items, components,
            present.Count > 0 ? present.Average() : null,
            totalAnswers > 0 ? (double)scoreSum / totalAnswers : null,
            totalAnswers > 0 ? 100.0 * totalDissatisfied / totalAnswers : null,
            totalAnswers, totalSatisfied, totalDissatisfied);
    }

    public static CombinedFigures Combine(IReadOnlyList<VersionFigures> versions)
    {
        var responses = versions.Sum(v => v.Responses);
        var componentIds = versions.SelectMany(v => v.Components.Select(c => c.Id)).Distinct().ToList();
        var components = componentIds.Select(id =>
        {
            var parts = versions.Select(v => (v.Responses, Component: v.Components.FirstOrDefault(c => c.Id == id)))
                .Where(p => p.Component?.Index is not null).ToList();
            return new ComponentFigure(id, WeightedMean(parts.Select(p => (p.Component!.Index!.Value, p.Responses))),
                parts.Sum(p => p.Component!.Answers), parts.Sum(p => p.Component!.Satisfied));
        }).ToList();
        var answers = versions.Sum(v => v.Answers);
        var satisfied = versions.Sum(v => v.Satisfied);
        var ci = Wilson.Interval(satisfied, answers);
        return new CombinedFigures(
            responses,
            WeightedMean(versions.Where(v => v.ServiceIndex is not null).Select(v => (v.ServiceIndex!.Value, v.Responses))),
            components,
            versions.SelectMany(v => v.Items).ToList(),
            versions,
            answers > 0 ? versions.Where(v => v.MeanScore is not null).Sum(v => v.MeanScore!.Value * v.Answers) / answers : null,
            answers > 0 ? 100.0 * versions.Sum(v => v.Dissatisfied) / answers : null,
            answers, satisfied, answers > 0 ? 100.0 * satisfied / answers : null, ci?.Low, ci?.High);
    }

    private static double? WeightedMean(IEnumerable<(double Value, long Weight)> values)
    {
        double sum = 0;
        long weight = 0;
        foreach (var (value, w) in values)
        {
            sum += value * w;
            weight += w;
        }
        return weight > 0 ? sum / weight : null;
    }
}
