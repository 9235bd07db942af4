using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Counters;

public sealed class EditPageRequest
{
    public long Id { get; set; }
    [QueryParam] public int? Saved { get; set; }
}

/// <summary>GET /admin/counters/{id}.</summary>
public sealed class EditPageEndpoint(IDatabase database) : Endpoint<EditPageRequest>
{
    public override void Configure()
    {
        Get(AdminRoutes.Counter);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(EditPageRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counter = Data.Get(database, caller.ProvinceCode, request.Id);
        if (counter is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        await Send.StringAsync(Pages.Edit(HttpContext, database, caller.ProvinceCode, counter, new FieldErrors(), request.Saved == 1), 200, StaffPage.ContentType, ct);
    }
}
