using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Users;

public sealed class EditPageRequest
{
    public long Id { get; set; }
    [QueryParam] public int? Saved { get; set; }
}

/// <summary>GET /admin/users/{id}.</summary>
public sealed class EditPageEndpoint(IDatabase database) : Endpoint<EditPageRequest>
{
    public override void Configure()
    {
        Get(AdminRoutes.User);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(EditPageRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var user = Data.Get(database, caller.ProvinceCode, request.Id);
        if (user is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        await Send.StringAsync(Pages.Edit(HttpContext, database, caller.ProvinceCode, user, new FieldErrors(), request.Saved == 1 ? "Đã lưu." : null),
            200, StaffPage.ContentType, ct);
    }
}
