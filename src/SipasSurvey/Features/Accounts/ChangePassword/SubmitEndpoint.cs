using System.Security.Claims;
using FastEndpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Accounts.ChangePassword;

public sealed class SubmitRequest
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

/// <summary>POST /account/password: needs the current password; ends every other session.</summary>
public sealed class SubmitEndpoint(IDatabase database, TimeProvider clock) : Endpoint<SubmitRequest>
{
    public override void Configure()
    {
        Post(AccountRoutes.ChangePassword);
        Policies(Web.Identity.Policies.Person);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(SubmitRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var error = !Passwords.Verify(Data.CurrentHash(database, caller.Id), request.CurrentPassword ?? "")
            ? "Mật khẩu hiện tại không đúng."
            : Passwords.Problem(request.NewPassword, caller.Name)
              ?? (request.NewPassword != request.ConfirmPassword ? "Hai lần nhập mật khẩu mới không khớp." : null)
              ?? (request.NewPassword == request.CurrentPassword ? "Mật khẩu mới phải khác mật khẩu hiện tại." : null);
        if (error is not null)
        {
            await Send.StringAsync(Page.Render(HttpContext, caller, error, done: false), 400, "text/html; charset=utf-8", ct);
            return;
        }
        var now = clock.GetUtcNow();
        var session = User.FindFirstValue(Caller.SessionClaim);
        var stamp = Data.Change(database, caller.Id, Passwords.Hash(request.NewPassword!), session,
            AuditEntry.By(caller, HttpContext, "user.password-change", $"user:{caller.Id}", null, now));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal((caller with { MustChangePassword = false }).ToIdentity(CookieAuthenticationDefaults.AuthenticationScheme, stamp, session)));
        await Send.StringAsync(Page.Render(HttpContext, caller, null, done: true), 200, "text/html; charset=utf-8", ct);
    }
}
