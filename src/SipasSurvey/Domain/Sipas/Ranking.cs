namespace SipasSurvey.Domain.Sipas;

/// <summary>
/// "Xếp thứ 2/16": units of one parent ordered by a value, highest first; equal values share a rank
/// and the next rank skips ("1, 2, 2, 4"). Units without a value are not ranked.
/// </summary>
internal static class Ranking
{
    public static IReadOnlyList<(T Unit, int? Rank)> Rank<T>(IReadOnlyList<T> units, Func<T, double?> value)
    {
        var ranked = units.Where(u => value(u) is not null).OrderByDescending(u => Key(value(u)!.Value)).ToList();
        var result = new List<(T, int?)>(units.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && Key(value(ranked[i])!.Value) == Key(value(ranked[i - 1])!.Value) ? result[i - 1].Item2 : i + 1;
            result.Add((ranked[i], rank));
        }
        result.AddRange(units.Where(u => value(u) is null).Select(u => (u, (int?)null)));
        return result;
    }

    // Indices are means of ratios: the same figure computed along two paths can differ in the last
    // bits. Twelve decimals are far below anything a report shows.
    private static double Key(double value) => Math.Round(value, 12);
}
