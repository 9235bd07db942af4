namespace SipasSurvey.Features.Admin.ApiKeys.List;

/// <summary>GET /admin/api-keys.</summary>
internal sealed class PageEndpoint(IDatabase database) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AdminRoutes.ApiKeys);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Pages.List(HttpContext, database, Caller.From(User)!.ProvinceCode, null, new FieldErrors()), 200, StaffPage.ContentType, ct);
}
