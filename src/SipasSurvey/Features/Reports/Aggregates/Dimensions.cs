namespace SipasSurvey.Features.Reports.Aggregates;

/// <summary>
/// The breakdowns every answer and every issued slip is counted under: dimension '' is the commune
/// total; 'counter', 'staff', 'field' and 'procedure' break it down ('' key: the slip did not say).
/// </summary>
internal static class Dimensions
{
    public static IEnumerable<(string Dimension, string Key)> Of(long counterId, long? staffId, string? field, string? procedure)
    {
        yield return ("", "");
        yield return ("counter", counterId.ToString(CultureInfo.InvariantCulture));
        yield return ("staff", staffId?.ToString(CultureInfo.InvariantCulture) ?? "");
        yield return ("field", field ?? "");
        yield return ("procedure", procedure ?? "");
    }
}
