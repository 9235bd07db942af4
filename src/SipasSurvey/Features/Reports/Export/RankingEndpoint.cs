namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/provinces/{provinceCode}/ranking.csv|.xlsx?quarter=: the ranking as a file.</summary>
internal sealed class RankingEndpoint(ReportQuery reports) : ExportEndpoint<ProvinceExportRequest>
{
    public override void Configure() => ConfigureExport(ReportRoutes.RankingExport);

    protected override async Task<ExportFile> BuildAsync(ProvinceExportRequest request, ReportContext report)
    {
        var (province, scope) = (report.Place, report.Scope);
        var ranking = await reports.RankingAsync(province.Code, province.Name, scope.Period, request.Sort ?? "serviceIndex", scope.Channel, scope.ExcludeFlagged);
        return new($"sipas-xep-hang-{province.Code}-{ranking.Period}", [Tables.Ranking(ranking)], $"province:{province.Code}", "ranking", ranking.Period);
    }
}
