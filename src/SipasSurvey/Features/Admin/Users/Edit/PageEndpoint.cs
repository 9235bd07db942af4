namespace SipasSurvey.Features.Admin.Users.Edit;

internal sealed class Request
{
    public long Id { get; set; }
    [QueryParam] public int? Saved { get; set; }
}

/// <summary>GET /admin/users/{id}.</summary>
internal sealed class PageEndpoint(IDatabase database) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(AdminRoutes.User);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        if (Data.Get(database, caller.ProvinceCode, request.Id) is not { } user)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        await Send.StringAsync(Pages.Edit(HttpContext, database, caller.ProvinceCode, user, new FieldErrors(), request.Saved == 1 ? "Đã lưu." : null),
            200, StaffPage.ContentType, ct);
    }
}
