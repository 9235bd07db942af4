namespace SipasSurvey.Features.Reports.Dashboard;

/// <summary>GET /reports: a leader goes to their commune, an administrator to the province ranking.</summary>
internal sealed class HomeEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(ReportRoutes.Dashboard);
        Policies(Web.Identity.Policies.LeadCommune);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        return Send.RedirectAsync(caller.Role == Role.Leader ? ReportRoutes.CommunePagePath(caller.CommuneCode!) : ReportRoutes.ProvincePagePath(caller.ProvinceCode));
    }
}
