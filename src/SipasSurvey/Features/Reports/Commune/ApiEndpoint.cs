namespace SipasSurvey.Features.Reports.Commune;

/// <summary>
/// GET /api/v1/reports/communes/{communeCode}?quarter=2026-Q4 (or ?from=&amp;to=): SIPAS figures of one
/// commune. Another commune's code answers 404, exactly like a code that does not exist.
/// </summary>
internal sealed class ApiEndpoint(ReportQuery reports, ReportCache cache) : ReportEndpoint<CommuneReportRequest, CommuneReport>
{
    public override void Configure()
    {
        ConfigureReport(ReportRoutes.Commune);
        Description(b => b.Produces<CommuneReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
        Summary(s => s.Summary = "A commune's satisfaction figures for a quarter or a range of days");
    }

    protected override async Task ReportAsync(CommuneReportRequest request, ReportContext report, CancellationToken ct)
    {
        var (commune, scope) = (report.Place, report.Scope);
        await Send.OkAsync(await cache.CommuneAsync(commune, scope.CacheKey,
            () => reports.CommuneAsync(commune.Code, commune.Name, scope.Period, scope.Channel, scope.ExcludeFlagged)), ct);
    }
}
