namespace SipasSurvey.Features.Admin.Questionnaires.List;

/// <summary>GET /admin/questionnaires: versions, upload, publish.</summary>
internal sealed class PageEndpoint(IDatabase database) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AdminRoutes.Questionnaires);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Page.Render(HttpContext, database, null, null), 200, StaffPage.ContentType, ct);
}
