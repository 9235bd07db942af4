using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Users.ResetPassword;

internal sealed class Request
{
    public long Id { get; set; }
}

/// <summary>A new temporary password: unlocks the account, ends its sessions, must be changed at the next sign-in.</summary>
internal sealed class ResetPassword(IDatabase database, ProvinceBoundary boundary, TimeProvider clock)
{
    public AdminOutcome<PasswordResetResponse> Handle(Caller caller, HttpContext http, Request request)
    {
        if (Data.Get(database, caller.ProvinceCode, request.Id) is null)
        {
            boundary.AuditIfForeign(caller, http, "user.reset-password", $"user:{request.Id}", boundary.UserOwner(request.Id));
            return new AdminOutcome<PasswordResetResponse>.NotFound();
        }
        var password = Data.ResetPassword(database, request.Id, AuditEntry.By(caller, http, "user.reset-password", $"user:{request.Id}", null, clock.GetUtcNow()));
        return new AdminOutcome<PasswordResetResponse>.Done(new PasswordResetResponse { TemporaryPassword = password });
    }
}
