namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/communes/{communeCode}/export.csv|.xlsx?quarter=: the commune's report as a file.</summary>
internal sealed class CommuneEndpoint(ReportQuery reports) : ExportEndpoint<CommuneExportRequest>
{
    public override void Configure() => ConfigureExport(ReportRoutes.CommuneExport);

    protected override async Task<ExportFile> BuildAsync(CommuneExportRequest request, ReportContext report)
    {
        var (commune, scope) = (report.Place, report.Scope);
        var figures = await reports.CommuneAsync(commune.Code, commune.Name, scope.Period, scope.Channel, scope.ExcludeFlagged);
        return new($"sipas-{commune.Code}-{figures.Period}", [Tables.Commune(figures)], $"commune:{commune.Code}", "commune-report", figures.Period);
    }
}
