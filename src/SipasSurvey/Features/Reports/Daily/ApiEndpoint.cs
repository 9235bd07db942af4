using FastEndpoints;
using SipasSurvey.Domain.Time;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Daily;

/// <summary>GET /api/v1/reports/communes/{communeCode}/daily?from=&amp;to=: one row per Vietnamese day (default: the last 30 days).</summary>
public sealed class ApiEndpoint(AccessScope scope, ReportQuery reports, TimeProvider clock) : Endpoint<CommuneReportRequest, DailyReport>
{
    public override void Configure()
    {
        Get(ReportRoutes.Daily);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Reports");
        Description(b => b.Produces<DailyReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(CommuneReportRequest request, CancellationToken ct)
    {
        var commune = ReportParameters.ReadableCommune(scope, Caller.From(User)!, request.CommuneCode);
        if (commune is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown commune", $"No commune {request.CommuneCode} in your scope.");
            return;
        }
        var now = clock.GetUtcNow();
        if (request.Quarter is null && request.From is null && request.To is null)
        {
            var today = VietnamTime.DateOf(now);
            request.From = VietnamTime.DayKey(today.AddDays(-29));
            request.To = VietnamTime.DayKey(today);
        }
        var (parameters, errors) = ReportParameters.Parse(request, now);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        await Send.OkAsync(reports.Daily(commune.Code, parameters!.Period, parameters.Channel, parameters.ExcludeFlagged), ct);
    }
}
