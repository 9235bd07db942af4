namespace SipasSurvey.Features.Admin.Units;

/// <summary>GET /admin/units: upload a commune list.</summary>
internal sealed class PageEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AdminRoutes.Units);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) => Send.StringAsync(Page.Render(HttpContext, null, null), 200, StaffPage.ContentType, ct);
}
