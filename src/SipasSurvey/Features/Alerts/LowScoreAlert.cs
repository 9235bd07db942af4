using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Features.Alerts;

/// <summary>What decides on and words an alert.</summary>
internal sealed record AlertRule(QuestionnaireDefinition Definition, double LowComponentAtMost);

internal static class LowScoreAlert
{
    /// <summary>Components whose answered items average at or below the threshold, with that average.</summary>
    public static IReadOnlyList<(string ComponentId, string Label, double Mean)> LowComponents(AlertRule rule, string answers)
    {
        var low = new List<(string, string, double)>();
        foreach (var component in rule.Definition.Components)
        {
            int sum = 0, count = 0;
            foreach (var item in component.Items)
                if (item.Index < answers.Length && answers[item.Index] is >= '1' and <= '5')
                {
                    sum += answers[item.Index] - '0';
                    count++;
                }
            if (count > 0 && (double)sum / count <= rule.LowComponentAtMost) low.Add((component.Id, component.Label.Vi, Math.Round((double)sum / count, 2)));
        }
        return low;
    }
}
