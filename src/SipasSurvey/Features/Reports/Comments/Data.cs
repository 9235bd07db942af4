using System.Text;

namespace SipasSurvey.Features.Reports.Comments;

internal sealed class CommentRow
{
    public long ResponseId { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public string Day { get; init; } = "";
    public long CounterId { get; init; }
    public string? Field { get; init; }
    public string Comment { get; init; } = "";
    public string Answers { get; init; } = "";
    public long Flags { get; init; }
}

internal static class Data
{
    /// <summary>
    /// Newest first. The search ignores case and Vietnamese diacritics ("can bo" finds "cán bộ"),
    /// which SQLite's ASCII-only lower() cannot do, so it filters here over the period's comments.
    /// </summary>
    public static IReadOnlyList<CommentRow> Recent(IDatabase database, string commune, Period period, string? search, long? beforeId, int limit)
    {
        using var connection = database.Open();
        var rows = connection.Query<CommentRow>(
            """
            SELECT id AS response_id, submitted_at, day, counter_id, field, comment, answers, flags
            FROM responses
            WHERE commune_code = @commune AND day BETWEEN @From AND @To AND comment IS NOT NULL
              AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            """, new { commune, From = period.FromKey, To = period.ToKey, beforeId }, buffered: false);
        var needle = search is { Length: > 0 } ? Fold(search) : null;
        return rows.Where(r => needle is null || Fold(r.Comment).Contains(needle, StringComparison.Ordinal)).Take(limit).ToList();
    }

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }
        return folded.ToString();
    }
}
