using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Domain.Sipas;

/// <summary>One item: R_i = (n4 + n5) / N_i × 100 over the valid (non-blank) answers N_i.</summary>
internal sealed record ItemFigure(
    string Id, string ComponentId, string QuestionnaireVersion, long[] Counts, long Answers, long Satisfied, long Dissatisfied,
    double? Rate, double? Ci95Low, double? Ci95High, double? MeanScore);

/// <summary>C_k: the mean of R_i over the component's items that have answers (each item weighs the same).</summary>
internal sealed record ComponentFigure(string Id, double? Index, long Answers, long Satisfied);

/// <summary>Figures of one questionnaire version over a set of responses.</summary>
internal sealed record VersionFigures(
    string QuestionnaireVersion, long Responses, IReadOnlyList<ItemFigure> Items, IReadOnlyList<ComponentFigure> Components,
    double? ServiceIndex, double? MeanScore, double? DissatisfiedShare, long Answers, long Satisfied, long Dissatisfied);

/// <summary>
/// Figures across questionnaire versions. Items are never mixed: they stay per version. Components
/// (same id, same meaning across versions) and S are combined as response-weighted means of the
/// per-version values; mean score and dissatisfied share pool every answer.
/// </summary>
internal sealed record CombinedFigures(
    long Responses, double? ServiceIndex, IReadOnlyList<ComponentFigure> Components, IReadOnlyList<ItemFigure> Items,
    IReadOnlyList<VersionFigures> Versions, double? MeanScore, double? DissatisfiedShare,
    long Answers, long Satisfied, double? SatisfiedShare, double? SatisfiedCi95Low, double? SatisfiedCi95High);

/// <summary>The formulas of docs/domain.md §4.</summary>
internal static class SipasFigures
{
    // Reports compute these for every commune of a province on each ranking, so the loops below
    // avoid LINQ; sums run in the definition's item order, as the formulas in docs/domain.md read.
    public static VersionFigures ForVersion(QuestionnaireDefinition definition, long[,] counts, long responses)
    {
        var key = definition.Key;
        var rows = counts.GetLength(0);
        var componentCount = definition.Components.Count;
        var rateSum = new double[componentCount];
        var rated = new int[componentCount];
        var componentAnswers = new long[componentCount];
        var componentSatisfied = new long[componentCount];
        var items = new ItemFigure[definition.Items.Count];
        long totalAnswers = 0, totalSatisfied = 0, totalDissatisfied = 0, scoreSum = 0;
        for (var k = 0; k < items.Length; k++)
        {
            var item = definition.Items[k];
            var n = new long[5];
            if (item.Index < rows)
                for (var v = 0; v < 5; v++) n[v] = counts[item.Index, v];
            var answers = n[0] + n[1] + n[2] + n[3] + n[4];
            var satisfied = n[3] + n[4];
            var dissatisfied = n[0] + n[1];
            var score = n[0] + 2 * n[1] + 3 * n[2] + 4 * n[3] + 5 * n[4];
            var ci = Wilson.Interval(satisfied, answers);
            double? rate = answers > 0 ? 100.0 * satisfied / answers : null;
            items[k] = new ItemFigure(item.Id, item.ComponentId, key, n, answers, satisfied, dissatisfied,
                rate, ci?.Low, ci?.High, answers > 0 ? (double)score / answers : null);
            var component = definition.ComponentOfItem[k];
            if (rate is { } r)
            {
                rateSum[component] += r;
                rated[component]++;
            }
            componentAnswers[component] += answers;
            componentSatisfied[component] += satisfied;
            totalAnswers += answers;
            totalSatisfied += satisfied;
            totalDissatisfied += dissatisfied;
            scoreSum += score;
        }
        var components = new ComponentFigure[componentCount];
        double indexSum = 0;
        var indexed = 0;
        for (var c = 0; c < componentCount; c++)
        {
            double? index = rated[c] > 0 ? rateSum[c] / rated[c] : null;
            components[c] = new ComponentFigure(definition.Components[c].Id, index, componentAnswers[c], componentSatisfied[c]);
            if (index is { } value)
            {
                indexSum += value;
                indexed++;
            }
        }
        return new VersionFigures(key, responses, items, components,
            indexed > 0 ? indexSum / indexed : null,
            totalAnswers > 0 ? (double)scoreSum / totalAnswers : null,
            totalAnswers > 0 ? 100.0 * totalDissatisfied / totalAnswers : null,
            totalAnswers, totalSatisfied, totalDissatisfied);
    }

    public static CombinedFigures Combine(IReadOnlyList<VersionFigures> versions)
    {
        long responses = 0, answers = 0, satisfied = 0, dissatisfied = 0;
        double meanScoreSum = 0;
        var componentIds = new List<string>();
        foreach (var version in versions)
        {
            responses += version.Responses;
            answers += version.Answers;
            satisfied += version.Satisfied;
            dissatisfied += version.Dissatisfied;
            if (version.MeanScore is { } mean) meanScoreSum += mean * version.Answers;
            foreach (var component in version.Components)
                if (!componentIds.Contains(component.Id)) componentIds.Add(component.Id);
        }
        var components = new ComponentFigure[componentIds.Count];
        for (var c = 0; c < components.Length; c++)
        {
            var id = componentIds[c];
            double sum = 0;
            long weight = 0, componentAnswers = 0, componentSatisfied = 0;
            foreach (var version in versions)
            {
                ComponentFigure? found = null;
                foreach (var component in version.Components)
                    if (component.Id == id)
                    {
                        found = component;
                        break;
                    }
                if (found?.Index is not { } index) continue;
                sum += index * version.Responses;
                weight += version.Responses;
                componentAnswers += found.Answers;
                componentSatisfied += found.Satisfied;
            }
            components[c] = new ComponentFigure(id, weight > 0 ? sum / weight : null, componentAnswers, componentSatisfied);
        }
        var ci = Wilson.Interval(satisfied, answers);
        return new CombinedFigures(
            responses,
            WeightedMean(versions.Where(v => v.ServiceIndex is not null).Select(v => (v.ServiceIndex!.Value, v.Responses))),
            components,
            versions.Count == 1 ? versions[0].Items : versions.SelectMany(v => v.Items).ToList(),
            versions,
            answers > 0 ? meanScoreSum / answers : null,
            answers > 0 ? 100.0 * dissatisfied / answers : null,
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
