using SipasSurvey.Domain.Time;

namespace SipasSurvey.Features.Reports;

/// <summary>A report period: Vietnamese calendar days, both ends included.</summary>
internal sealed record Period(DateOnly From, DateOnly To, string Label, Quarter? Quarter)
{
    public const int MaxDays = 3 * 366;

    public string FromKey => VietnamTime.DayKey(From);

    public string ToKey => VietnamTime.DayKey(To);

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static Period Of(Quarter quarter) => new(quarter.FirstDay, quarter.LastDay, quarter.ToString(), quarter);

    public static Period Between(DateOnly from, DateOnly to) => new(from, to, $"{VietnamTime.DayKey(from)}..{VietnamTime.DayKey(to)}", null);

    /// <summary>?quarter=2026-Q4, or ?from=&amp;to= (YYYY-MM-DD), else the current quarter; the error names the parameter.</summary>
    public static (Period? Period, string? Field, string? Error) Parse(string? quarter, string? from, string? to, DateOnly today)
    {
        if (quarter is not null)
        {
            if (from is not null || to is not null) return (null, "quarter", "Give either quarter or from/to, not both.");
            return Domain.Time.Quarter.TryParse(quarter, out var q) ? (Of(q), null, null) : (null, "quarter", $"quarter '{Cut(quarter)}' is not of the form 2026-Q4.");
        }
        if (from is null && to is null) return (Of(Domain.Time.Quarter.Of(today)), null, null);
        if (!TryDay(from, out var start)) return (null, "from", $"from '{Cut(from)}' is not a date written YYYY-MM-DD.");
        if (!TryDay(to, out var end)) return (null, "to", $"to '{Cut(to)}' is not a date written YYYY-MM-DD.");
        if (end < start) return (null, "to", "to is before from.");
        if (end.DayNumber - start.DayNumber + 1 > MaxDays) return (null, "to", $"A period covers at most {MaxDays} days.");
        return (Between(start, end), null, null);
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 2000 and <= 2999;

    private static string Cut(string? text) => text is { Length: > 20 } ? text[..20] + "…" : text ?? "";
}

/// <summary>A period as whole calendar months (for the monthly tables) plus the days before and after them.</summary>
internal sealed record PeriodParts((string From, string To)? Months, IReadOnlyList<(string From, string To)> Days)
{
    public static PeriodParts Of(Period period)
    {
        var firstWhole = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var end = period.To.AddDays(1);
        var afterLastWhole = new DateOnly(end.Year, end.Month, 1);   // the first day of the month after the last whole month
        if (firstWhole >= afterLastWhole) return new(null, [(period.FromKey, period.ToKey)]);
        var days = new List<(string, string)>();
        if (period.From < firstWhole) days.Add((period.FromKey, VietnamTime.DayKey(firstWhole.AddDays(-1))));
        if (afterLastWhole <= period.To) days.Add((VietnamTime.DayKey(afterLastWhole), period.ToKey));
        return new((Month(firstWhole), Month(afterLastWhole.AddMonths(-1))), days);
    }

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
