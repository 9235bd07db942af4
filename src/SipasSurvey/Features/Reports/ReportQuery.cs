using System.Text.Json;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Domain.Sipas;
using SipasSurvey.Domain.Statistics;
using SipasSurvey.Features.Questionnaires;

namespace SipasSurvey.Features.Reports;

/// <summary>Turns per-day aggregates into SIPAS figures for communes, days, breakdowns and provinces.</summary>
internal sealed class ReportQuery(IDatabase database, ReadPool reads, QuestionnaireCatalog catalog)
{
    public const int LowSampleBelow = 30;
    public static readonly string[] Dimensions = ["counter", "staff", "field", "procedure"];

    private static readonly (IntegritySignal Signal, string Name)[] SignalNames = Enum.GetValues<IntegritySignal>()
        .Where(s => s != IntegritySignal.None).Select(s => (s, JsonNamingPolicy.CamelCase.ConvertName(s.ToString()))).ToArray();

    public async Task<CommuneReport> CommuneAsync(string communeCode, string communeName, Period period, string channel, bool excludeFlagged)
    {
        var previousPeriod = period.Quarter is { } quarter ? Period.Of(quarter.Previous) : null;
        var read = await Data.CommuneRowsAsync(reads, communeCode, period, previousPeriod);
        bool Counted(ChannelRow row) => !excludeFlagged || row.Flags == 0;
        var figures = Figures(read.Period.Where(r => r.Channel == channel && Counted(r)).ToList());
        var slipsIssued = channel == Channels.Poster ? 0 : read.SlipsIssued;
        var rate = Wilson.Interval(figures.Responses, slipsIssued);
        var flaggedRows = read.Period.Where(r => r.Channel == channel && r.Flags != 0).ToList();
        var signals = new Dictionary<string, long>(SignalNames.Length);
        foreach (var (signal, name) in SignalNames)
        {
            long count = 0;
            foreach (var row in flaggedRows)
                if ((row.Flags & (long)signal) != 0) count += row.Responses;
            signals[name] = count;
        }
        long ResponsesOn(string other) => read.Period.Where(r => r.Channel == other && Counted(r)).Sum(r => r.Responses);
        PreviousPeriod? previous = null;
        if (previousPeriod is not null)
        {
            var before = Figures(read.Previous.Where(r => r.Channel == channel && Counted(r)).ToList());
            previous = new PreviousPeriod { Period = previousPeriod.Label, Responses = before.Responses, ServiceIndex = before.ServiceIndex };
        }
        return new CommuneReport
        {
            CommuneCode = communeCode,
            CommuneName = communeName,
            Period = period.Label,
            From = period.FromKey,
            To = period.ToKey,
            Channel = channel,
            FlaggedExcluded = excludeFlagged,
            Responses = figures.Responses,
            SlipsIssued = slipsIssued,
            ResponseRate = slipsIssued > 0 ? 100.0 * figures.Responses / slipsIssued : null,
            ResponseRateCi95Low = rate?.Low,
            ResponseRateCi95High = rate?.High,
            ServiceIndex = figures.ServiceIndex,
            MeanScore = figures.MeanScore,
            DissatisfiedShare = figures.DissatisfiedShare,
            SatisfiedShare = figures.SatisfiedShare,
            SatisfiedCi95Low = figures.SatisfiedCi95Low,
            SatisfiedCi95High = figures.SatisfiedCi95High,
            LowSample = figures.Responses < LowSampleBelow,
            Components = ComponentRows(figures.Components),
            Items = figures.Items.Select(ItemRow).ToList(),
            Versions = figures.Versions.Select(v => new VersionRow
            {
                QuestionnaireVersion = v.QuestionnaireVersion, Responses = v.Responses, ServiceIndex = v.ServiceIndex, Components = ComponentRows(v.Components),
            }).ToList(),
            FlaggedResponses = flaggedRows.Sum(r => r.Responses),
            Signals = signals,
            PosterResponses = ResponsesOn(Channels.Poster),
            KioskResponses = ResponsesOn(Channels.Kiosk),
            Previous = previous,
        };
    }

    public DailyReport Daily(string communeCode, Period period, string channel, bool excludeFlagged)
    {
        var stats = Data.Stats(database, communeCode, "", period, channel, excludeFlagged).ToLookup(s => s.Day);
        var issued = Data.Issued(database, communeCode, "", period, Channels.IssuedAs(channel)).GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Issued));
        var days = new List<DayRow>(period.Days);
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            var key = Domain.Time.VietnamTime.DayKey(day);
            var figures = Figures(stats[key].ToList());
            days.Add(new DayRow
            {
                Day = key,
                Responses = figures.Responses,
                SlipsIssued = issued.GetValueOrDefault(key),
                ServiceIndex = figures.ServiceIndex,
                SatisfiedShare = figures.SatisfiedShare,
                Ci95Low = figures.SatisfiedCi95Low,
                Ci95High = figures.SatisfiedCi95High,
                LowSample = figures.Responses < LowSampleBelow,
            });
        }
        return new DailyReport { CommuneCode = communeCode, From = period.FromKey, To = period.ToKey, Channel = channel, Days = days };
    }

    public BreakdownReport Breakdown(string communeCode, string dimension, Period period, string channel, bool excludeFlagged)
    {
        var stats = Data.Stats(database, communeCode, dimension, period, channel, excludeFlagged).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.ToList());
        var issued = Data.Issued(database, communeCode, dimension, period, Channels.IssuedAs(channel)).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Issued));
        var labels = Data.Labels(database, dimension, stats.Keys.Concat(issued.Keys));
        var rows = stats.Keys.Union(issued.Keys).Select(key =>
        {
            var figures = Figures(stats.GetValueOrDefault(key) ?? []);
            var slips = issued.GetValueOrDefault(key);
            return new BreakdownRow
            {
                Key = key,
                Label = key.Length == 0 ? "(không ghi)" : labels.GetValueOrDefault(key) ?? key,
                Responses = figures.Responses,
                SlipsIssued = slips,
                ResponseRate = slips > 0 && channel != Channels.Poster ? 100.0 * figures.Responses / slips : null,
                ServiceIndex = figures.ServiceIndex,
                Components = ComponentRows(figures.Components),
                LowSample = figures.Responses < LowSampleBelow,
            };
        }).OrderBy(r => r.ServiceIndex ?? double.MaxValue).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        return new BreakdownReport { CommuneCode = communeCode, Period = period.Label, By = dimension, Rows = rows };
    }

    public async Task<RankingReport> RankingAsync(string provinceCode, string provinceName, Period period, string sort, string channel, bool excludeFlagged)
    {
        var read = await Data.ProvinceRowsAsync(reads, provinceCode, period, channel, excludeFlagged, Definition);
        var units = read.Units
            .Select(unit => (Unit: unit, Figures: Figures(read.Totals.GetValueOrDefault(unit.Code) ?? []), Issued: read.Issued.GetValueOrDefault(unit.Code)))
            .ToList();
        // Communes whose questionnaires have different components are compared on the ones they share (docs/domain.md, §4).
        var (sharedIds, mixed) = SharedComponents.Of(units.Where(u => u.Figures.ServiceIndex is not null)
            .Select(u => (IReadOnlyList<string>)u.Figures.Versions.SelectMany(v => v.Components).Select(c => c.Id).Distinct().ToList()));
        var shared = ComponentNames.InSipasOrder(sharedIds);
        double? Compared((UnitName Unit, CombinedFigures Figures, long Issued) u) => !mixed ? u.Figures.ServiceIndex
            : u.Figures.ServiceIndex is null ? null
            : SharedComponents.Index(shared, id => u.Figures.Components.FirstOrDefault(c => c.Id == id)?.Index);
        Func<(UnitName Unit, CombinedFigures Figures, long Issued), double?> by = sort == "serviceIndex"
            ? Compared
            : u => u.Figures.Components.FirstOrDefault(c => c.Id == sort)?.Index;
        var ranked = SipasSurvey.Domain.Sipas.Ranking.Rank(units, by);
        var count = ranked.Count(r => r.Rank is not null);
        var componentIds = ComponentNames.InSipasOrder(units.SelectMany(u => u.Figures.Components.Select(c => c.Id)));
        var questionnaires = units.SelectMany(u => u.Figures.Versions.Select(v => v.QuestionnaireVersion)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new RankingReport
        {
            ProvinceCode = provinceCode,
            ProvinceName = provinceName,
            Period = period.Label,
            Sort = sort,
            Ranked = count,
            Comparison = mixed ? "sharedComponents" : "serviceIndex",
            ComparedComponents = shared,
            Components = componentIds.Select(id => new ComponentHeading { Id = id, Label = ComponentLabel(id), ShortLabel = ComponentNames.ShortLabel(id, ComponentLabel(id)) }).ToList(),
            Questionnaires = questionnaires,
            Note = mixed ? SharedNote(shared, units.Select(u => u.Figures)) : null,
            Rows = ranked.Select(r => new RankingRow
            {
                Rank = r.Rank,
                RankLabel = r.Rank is { } rank ? $"{rank}/{count}" : null,
                CommuneCode = r.Unit.Unit.Code,
                Name = r.Unit.Unit.Name,
                Responses = r.Unit.Figures.Responses,
                SlipsIssued = r.Unit.Issued,
                ResponseRate = r.Unit.Issued > 0 && channel != Channels.Poster ? 100.0 * r.Unit.Figures.Responses / r.Unit.Issued : null,
                ServiceIndex = r.Unit.Figures.ServiceIndex,
                Components = r.Unit.Figures.Components.ToDictionary(c => c.Id, c => c.Index),
                LowSample = r.Unit.Figures.Responses < LowSampleBelow,
                ComparedIndex = Compared(r.Unit),
                QuestionnaireVersions = r.Unit.Figures.Versions.Select(v => v.QuestionnaireVersion).ToList(),
            }).ToList(),
        };
    }

    /// <summary>"Các xã/phường trả lời những phiếu có thành phần khác nhau (…): xếp hạng theo 3 thành phần chung: …".</summary>
    private string SharedNote(IReadOnlyList<string> shared, IEnumerable<CombinedFigures> figures)
    {
        var questionnaires = figures.SelectMany(f => f.Versions).GroupBy(v => v.QuestionnaireVersion, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.First().Components.Count} thành phần");
        var compared = shared.Count == 0 ? "không có thành phần chung nên không xếp hạng chung được"
            : $"xếp hạng theo {shared.Count} thành phần chung: {string.Join(", ", shared.Select(id => ComponentNames.ShortLabel(id, ComponentLabel(id))))}";
        return $"Các xã/phường dùng phiếu khảo sát có thành phần khác nhau ({string.Join("; ", questionnaires)}); {compared}. " +
               "Tỷ lệ hài lòng của từng đơn vị vẫn là trung bình mọi thành phần trong phiếu của đơn vị.";
    }

    /// <summary>Sums each version's counts and applies the formulas; versions are combined only at component level.</summary>
    public CombinedFigures Figures(IReadOnlyList<StatRow> rows) =>
        Figures(rows, static r => r.VersionId, static r => r.Responses, static r => r.Counts);

    private CombinedFigures Figures(IReadOnlyList<ChannelRow> rows) =>
        Figures(rows, static r => r.VersionId, static r => r.Responses, static r => r.Counts);

    private CombinedFigures Figures<TRow>(IReadOnlyList<TRow> rows, Func<TRow, long> versionOf, Func<TRow, long> responsesOf, Func<TRow, byte[]> countsOf)
    {
        var totals = new List<VersionTotals>(2);
        foreach (var row in rows) VersionTotals.Add(totals, versionOf(row), responsesOf(row), countsOf(row), Definition);
        return Figures(totals);
    }

    /// <summary>The formulas over each version's summed counts; versions are combined only at component level.</summary>
    private static CombinedFigures Figures(IReadOnlyList<VersionTotals> totals)
    {
        var versions = new List<VersionFigures>(totals.Count);
        foreach (var version in totals) versions.Add(SipasFigures.ForVersion(version.Definition, version.Counts, version.Responses));
        if (versions.Count > 1) versions.Sort((a, b) => string.CompareOrdinal(a.QuestionnaireVersion, b.QuestionnaireVersion));
        return SipasFigures.Combine(versions);
    }

    private QuestionnaireDefinition? Definition(long versionId) => catalog.Get(versionId)?.Definition;

    private IReadOnlyList<ComponentRow> ComponentRows(IReadOnlyList<ComponentFigure> components) =>
        components.Select(c => new ComponentRow { Id = c.Id, Label = ComponentLabel(c.Id), Index = c.Index, Answers = c.Answers }).ToList();

    private ItemRow ItemRow(ItemFigure item) => new()
    {
        Id = item.Id,
        QuestionnaireVersion = item.QuestionnaireVersion,
        Component = item.ComponentId,
        Text = ItemText(item),
        Rate = item.Rate,
        Answers = item.Answers,
        Ci95Low = item.Ci95Low,
        Ci95High = item.Ci95High,
        MeanScore = item.MeanScore,
        Counts = item.Counts,
        LowSample = item.Answers < LowSampleBelow,
    };

    private string ComponentLabel(string id)
    {
        foreach (var version in catalog.Loaded())
            foreach (var component in version.Definition.Components)
                if (component.Id == id) return component.Label.Vi;
        return id;
    }

    private string ItemText(ItemFigure item)
    {
        foreach (var version in catalog.Loaded())
            if (version.Definition.Key == item.QuestionnaireVersion) return version.Definition.FindItem(item.Id)?.Text.Vi ?? item.Id;
        return item.Id;
    }
}
