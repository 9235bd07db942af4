using FastEndpoints;
using SipasSurvey.Web;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Users;

/// <summary>POST /api/v1/admin/users/{id}/reset-password: a new temporary password; unlocks and ends open sessions.</summary>
public sealed class ResetPasswordApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<UserIdRequest, PasswordResetResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.UserResetPasswordApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override async Task HandleAsync(UserIdRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        if (Data.Get(database, caller.ProvinceCode, request.Id) is null)
        {
            boundary.AuditIfForeign(caller, HttpContext, "user.reset-password", $"user:{request.Id}", boundary.UserOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var password = Data.ResetPassword(database, request.Id,
            AuditEntry.By(caller, HttpContext, "user.reset-password", $"user:{request.Id}", null, clock.GetUtcNow()));
        await Send.OkAsync(new PasswordResetResponse { TemporaryPassword = password }, ct);
    }
}
