using SipasSurvey.Domain.Time;

namespace SipasSurvey.Features.Reports.Daily;

/// <summary>GET /api/v1/reports/communes/{communeCode}/daily?from=&amp;to=: one row per Vietnamese day (default: the last 30 days).</summary>
internal sealed class ApiEndpoint(ReportQuery reports) : ReportEndpoint<CommuneReportRequest, DailyReport>
{
    public override void Configure()
    {
        ConfigureReport(ReportRoutes.Daily);
        Description(b => b.Produces<DailyReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    protected override void ApplyDefaults(CommuneReportRequest request, DateTimeOffset now)
    {
        if (request.Quarter is not null || request.From is not null || request.To is not null) return;
        var today = VietnamTime.DateOf(now);
        request.From = VietnamTime.DayKey(today.AddDays(-29));
        request.To = VietnamTime.DayKey(today);
    }

    protected override Task ReportAsync(CommuneReportRequest request, ReportContext report, CancellationToken ct) =>
        Send.OkAsync(reports.Daily(report.Place.Code, report.Scope.Period, report.Scope.Channel, report.Scope.ExcludeFlagged), ct);
}
