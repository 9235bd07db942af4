namespace SipasSurvey.Domain.Sipas;

/// <summary>
/// What a ranking may compare when its units answered different questionnaires (docs/domain.md, §4):
/// S averages the components a questionnaire has, so an S over five components and one over three are
/// different measures. Units are then ranked on the components every ranked unit's questionnaires
/// share, averaged the same way S is (the mean of the component indices present); with one
/// questionnaire (or several with the same components) the shared set is all of them and the value is S.
/// </summary>
internal static class SharedComponents
{
    /// <summary>
    /// The component ids common to every unit's set (in the order of the first set), and whether the
    /// sets differ at all. Units without responses have an empty set and do not count.
    /// </summary>
    public static (IReadOnlyList<string> Shared, bool Mixed) Of(IEnumerable<IReadOnlyList<string>> componentsByUnit)
    {
        List<string>? shared = null;
        HashSet<string>? first = null;
        var mixed = false;
        foreach (var components in componentsByUnit)
        {
            if (components.Count == 0) continue;
            if (shared is null)
            {
                shared = [.. components];
                first = [.. components];
                continue;
            }
            if (!first!.SetEquals(components)) mixed = true;
            shared.RemoveAll(id => !components.Contains(id));
        }
        return (shared ?? [], mixed);
    }

    /// <summary>The mean of the unit's component indices over <paramref name="shared"/> (those it has a value for), or null.</summary>
    public static double? Index(IReadOnlyList<string> shared, Func<string, double?> componentIndex)
    {
        double sum = 0;
        var count = 0;
        foreach (var id in shared)
            if (componentIndex(id) is { } index)
            {
                sum += index;
                count++;
            }
        return count > 0 ? sum / count : null;
    }
}
