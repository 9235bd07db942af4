namespace SipasSurvey.Features.Admin.Users.List;

/// <summary>GET /admin/users.</summary>
internal sealed class PageEndpoint(IDatabase database) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AdminRoutes.Users);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Pages.List(HttpContext, database, Caller.From(User)!.ProvinceCode, null, new FieldErrors()), 200, StaffPage.ContentType, ct);
}
