namespace SipasSurvey.Features.Admin.Counters.Edit;

internal sealed class Request
{
    public long Id { get; set; }
    [QueryParam] public int? Saved { get; set; }
}

/// <summary>GET /admin/counters/{id}.</summary>
internal sealed class PageEndpoint(IDatabase database) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(AdminRoutes.Counter);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        if (Data.Get(database, caller.ProvinceCode, request.Id) is not { } counter)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        await Send.StringAsync(Pages.Edit(HttpContext, database, caller.ProvinceCode, counter, new FieldErrors(), request.Saved == 1), 200, StaffPage.ContentType, ct);
    }
}
