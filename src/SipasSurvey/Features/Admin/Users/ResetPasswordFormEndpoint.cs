using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Users;

/// <summary>POST /admin/users/{id}/reset-password (form).</summary>
public sealed class ResetPasswordFormEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<UserIdRequest>
{
    public override void Configure()
    {
        Post(AdminRoutes.UserResetPassword);
        Policies(Web.Identity.Policies.Administer);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(UserIdRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var user = Data.Get(database, caller.ProvinceCode, request.Id);
        if (user is null)
        {
            boundary.AuditIfForeign(caller, HttpContext, "user.reset-password", $"user:{request.Id}", boundary.UserOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var password = Data.ResetPassword(database, user.Id, AuditEntry.By(caller, HttpContext, "user.reset-password", $"user:{user.Id}", null, clock.GetUtcNow()));
        await Send.StringAsync(Pages.Edit(HttpContext, database, caller.ProvinceCode, Data.Get(database, caller.ProvinceCode, user.Id)!, new FieldErrors(), null, password),
            200, StaffPage.ContentType, ct);
    }
}
