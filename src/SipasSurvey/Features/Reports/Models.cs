namespace SipasSurvey.Features.Reports;

// The report JSON contract (city BI tools code against it): names grow, never change.
// Rates and indices are percentages 0–100, unrounded; null where there is nothing to compute from.

internal sealed class CommuneReport
{
    public required string CommuneCode { get; init; }
    public required string CommuneName { get; init; }

    /// <summary>"2026-Q4" or "2026-11-01..2026-11-23".</summary>
    public required string Period { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }

    /// <summary>
    /// "slip" (issued slips answered on a phone, the default), "kiosk" (issued slips answered on the counter's
    /// tablet) or "poster" (unverified). Slip and kiosk rates share one denominator, the slips issued.
    /// </summary>
    public required string Channel { get; init; }
    public required bool FlaggedExcluded { get; init; }
    public required long Responses { get; init; }
    public required long SlipsIssued { get; init; }
    public double? ResponseRate { get; init; }
    public double? ResponseRateCi95Low { get; init; }
    public double? ResponseRateCi95High { get; init; }
    public double? ServiceIndex { get; init; }
    public double? MeanScore { get; init; }
    public double? DissatisfiedShare { get; init; }
    public double? SatisfiedShare { get; init; }
    public double? SatisfiedCi95Low { get; init; }
    public double? SatisfiedCi95High { get; init; }

    /// <summary>Fewer than 30 responses: the figures are noise more than signal.</summary>
    public required bool LowSample { get; init; }
    public required IReadOnlyList<ComponentRow> Components { get; init; }
    public required IReadOnlyList<ItemRow> Items { get; init; }
    public required IReadOnlyList<VersionRow> Versions { get; init; }
    /// <summary>Responses with at least one integrity signal (flags for review; nothing is deleted).</summary>
    public required long FlaggedResponses { get; init; }

    /// <summary>Responses per signal: quickAfterPrint, counterNetwork, repeatDevice, topScoreStreak.</summary>
    public required IReadOnlyDictionary<string, long> Signals { get; init; }
    public required long PosterResponses { get; init; }

    /// <summary>Responses given on the counter's kiosk in the period (reported apart: channel=kiosk).</summary>
    public required long KioskResponses { get; init; }
    public PreviousPeriod? Previous { get; init; }
}

internal sealed class ComponentRow
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public double? Index { get; init; }
    public required long Answers { get; init; }
}

internal sealed class ItemRow
{
    public required string Id { get; init; }
    public required string QuestionnaireVersion { get; init; }
    public required string Component { get; init; }
    public required string Text { get; init; }
    public double? Rate { get; init; }

    /// <summary>Valid (non-blank) answers N_i.</summary>
    public required long Answers { get; init; }
    public double? Ci95Low { get; init; }
    public double? Ci95High { get; init; }
    public double? MeanScore { get; init; }

    /// <summary>Answers 1, 2, 3, 4, 5.</summary>
    public required long[] Counts { get; init; }
    public required bool LowSample { get; init; }
}

internal sealed class VersionRow
{
    public required string QuestionnaireVersion { get; init; }
    public required long Responses { get; init; }
    public double? ServiceIndex { get; init; }
    public required IReadOnlyList<ComponentRow> Components { get; init; }
}

internal sealed class PreviousPeriod
{
    public required string Period { get; init; }
    public required long Responses { get; init; }
    public double? ServiceIndex { get; init; }
}

internal sealed class DailyReport
{
    public required string CommuneCode { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Channel { get; init; }
    public required IReadOnlyList<DayRow> Days { get; init; }
}

internal sealed class DayRow
{
    public required string Day { get; init; }
    public required long Responses { get; init; }
    public required long SlipsIssued { get; init; }
    public double? ServiceIndex { get; init; }

    /// <summary>Share of all valid answers that were 4 or 5, with its Wilson 95% interval (the chart's band).</summary>
    public double? SatisfiedShare { get; init; }
    public double? Ci95Low { get; init; }
    public double? Ci95High { get; init; }
    public required bool LowSample { get; init; }
}

internal sealed class BreakdownReport
{
    public required string CommuneCode { get; init; }
    public required string Period { get; init; }

    /// <summary>counter, staff, field or procedure.</summary>
    public required string By { get; init; }
    public required IReadOnlyList<BreakdownRow> Rows { get; init; }
}

internal sealed class BreakdownRow
{
    /// <summary>Counter or staff id, field name or procedure code; "" when the slip did not say.</summary>
    public required string Key { get; init; }
    public required string Label { get; init; }
    public required long Responses { get; init; }
    public required long SlipsIssued { get; init; }
    public double? ResponseRate { get; init; }
    public double? ServiceIndex { get; init; }
    public required IReadOnlyList<ComponentRow> Components { get; init; }
    public required bool LowSample { get; init; }
}

internal sealed class RankingReport
{
    public required string ProvinceCode { get; init; }
    public required string ProvinceName { get; init; }
    public required string Period { get; init; }

    /// <summary>serviceIndex or a component id.</summary>
    public required string Sort { get; init; }

    /// <summary>How many units have a rank (the "16" of "2/16").</summary>
    public required int Ranked { get; init; }
    public required IReadOnlyList<RankingRow> Rows { get; init; }

    /// <summary>
    /// "serviceIndex" when every ranked commune's questionnaire has the same components; "sharedComponents"
    /// when they differ and the ranking (sorted by serviceIndex) is on the mean over <see cref="ComparedComponents"/> only.
    /// </summary>
    public string Comparison { get; init; } = "serviceIndex";

    /// <summary>The components the ranking by serviceIndex averages: those every ranked commune's questionnaires have.</summary>
    public IReadOnlyList<string> ComparedComponents { get; init; } = [];

    /// <summary>Every component that appears, with its Vietnamese name and a short name for table headers.</summary>
    public IReadOnlyList<ComponentHeading> Components { get; init; } = [];

    /// <summary>Questionnaire versions answered in the period by the communes ranked.</summary>
    public IReadOnlyList<string> Questionnaires { get; init; } = [];

    /// <summary>A Vietnamese sentence saying what was compared when the questionnaires differ; null otherwise.</summary>
    public string? Note { get; init; }
}

internal sealed class ComponentHeading
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required string ShortLabel { get; init; }
}

internal sealed class RankingRow
{
    public int? Rank { get; init; }

    /// <summary>"2/16", the way reports write it.</summary>
    public string? RankLabel { get; init; }
    public required string CommuneCode { get; init; }
    public required string Name { get; init; }
    public required long Responses { get; init; }
    public required long SlipsIssued { get; init; }
    public double? ResponseRate { get; init; }
    public double? ServiceIndex { get; init; }
    public required IReadOnlyDictionary<string, double?> Components { get; init; }
    public required bool LowSample { get; init; }

    /// <summary>What the ranking by serviceIndex ranks on: serviceIndex itself, or (questionnaires differing) the mean over the shared components.</summary>
    public double? ComparedIndex { get; init; }

    /// <summary>The questionnaire versions this commune's responses in the period were given on.</summary>
    public IReadOnlyList<string> QuestionnaireVersions { get; init; } = [];
}
