using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Dashboard;

internal sealed class CommunePageRequest
{
    public string CommuneCode { get; set; } = "";
    [QueryParam] public string? View { get; set; }
    [QueryParam] public string? Flagged { get; set; }
    [QueryParam] public string? Q { get; set; }
}

/// <summary>GET /reports/communes/{communeCode}: today, the last 30 days or a quarter, with breakdowns and comments.</summary>
internal sealed class CommunePageEndpoint(IDatabase database, AccessScope scope, ReportQuery reports, TimeProvider clock) : Endpoint<CommunePageRequest>
{
    public override void Configure()
    {
        Get(ReportRoutes.CommunePage);
        Policies(Web.Identity.Policies.LeadCommune);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CommunePageRequest request, CancellationToken ct)
    {
        var commune = ReportParameters.ReadableCommune(scope, Caller.From(User)!, request.CommuneCode);
        if (commune is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var today = VietnamTime.DateOf(clock.GetUtcNow());
        var (period, view) = CommunePage.Choose(request.View, today);
        var search = request.Q is { Length: > 0 } q ? (q.Length > 200 ? q[..200] : q) : null;
        await Send.StringAsync(await CommunePage.RenderAsync(HttpContext, reports, database, commune, view, period, request.Flagged == "exclude", search, today),
            200, StaffPage.ContentType, ct);
    }
}
