using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Commune;

/// <summary>
/// GET /api/v1/reports/communes/{communeCode}?quarter=2026-Q4 (or ?from=&amp;to=): SIPAS figures of one
/// commune. Another commune's code answers 404, exactly like a code that does not exist.
/// </summary>
public sealed class ApiEndpoint(AccessScope scope, ReportQuery reports, ReportCache cache, TimeProvider clock) : Endpoint<CommuneReportRequest, CommuneReport>
{
    public override void Configure()
    {
        Get(ReportRoutes.Commune);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Reports");
        Description(b => b.Produces<CommuneReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
        Summary(s => s.Summary = "A commune's satisfaction figures for a quarter or a range of days");
    }

    public override async Task HandleAsync(CommuneReportRequest request, CancellationToken ct)
    {
        var commune = ReportParameters.ReadableCommune(scope, Caller.From(User)!, request.CommuneCode);
        if (commune is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown commune", $"No commune {request.CommuneCode} in your scope.");
            return;
        }
        var (parameters, errors) = ReportParameters.Parse(request, clock.GetUtcNow());
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var (period, channel, excludeFlagged) = (parameters!.Period, parameters.Channel, parameters.ExcludeFlagged);
        await Send.OkAsync(cache.Commune(commune.Code, $"{period.FromKey}|{period.ToKey}|{period.Label}|{channel}|{excludeFlagged}",
            () => reports.Commune(commune.Code, commune.Name, period, channel, excludeFlagged)), ct);
    }
}
