using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Breakdown;

public sealed class Request : ReportRequest
{
    public string CommuneCode { get; set; } = "";

    /// <summary>counter, staff, field or procedure.</summary>
    [QueryParam] public string? By { get; set; }
}

/// <summary>GET /api/v1/reports/communes/{communeCode}/breakdown?by=counter|staff|field|procedure: which part drags the figures down.</summary>
public sealed class ApiEndpoint(AccessScope scope, ReportQuery reports, TimeProvider clock) : Endpoint<Request, BreakdownReport>
{
    public override void Configure()
    {
        Get(ReportRoutes.Breakdown);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Reports");
        Description(b => b.Produces<BreakdownReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var commune = ReportParameters.ReadableCommune(scope, Caller.From(User)!, request.CommuneCode);
        if (commune is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown commune", $"No commune {request.CommuneCode} in your scope.");
            return;
        }
        var (parameters, errors) = ReportParameters.Parse(request, clock.GetUtcNow());
        if (!ReportQuery.Dimensions.Contains(request.By)) errors["by"] = "by must be counter, staff, field or procedure.";
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        await Send.OkAsync(reports.Breakdown(commune.Code, request.By!, parameters!.Period, parameters.Channel, parameters.ExcludeFlagged), ct);
    }
}
