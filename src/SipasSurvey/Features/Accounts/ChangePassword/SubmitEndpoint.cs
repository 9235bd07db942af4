using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using FluentValidation;
using SipasSurvey.Domain.Accounts;
using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Accounts.ChangePassword;

internal sealed class SubmitRequest
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

/// <summary>What the form alone can tell; the current password and the username are the handler's to check.</summary>
internal sealed class SubmitValidator : Validator<SubmitRequest>
{
    public SubmitValidator()
    {
        RuleFor(r => r.NewPassword).Must(p => PasswordPolicy.Problem(p) is null).WithMessage(r => PasswordPolicy.Problem(r.NewPassword)!);
        RuleFor(r => r.ConfirmPassword).Equal(r => r.NewPassword).WithMessage("Hai lần nhập mật khẩu mới không khớp.");
        RuleFor(r => r.NewPassword).NotEqual(r => r.CurrentPassword).When(r => !string.IsNullOrEmpty(r.NewPassword))
            .WithMessage("Mật khẩu mới phải khác mật khẩu hiện tại.");
    }
}

/// <summary>POST /account/password: needs the current password; ends every other session.</summary>
internal sealed class SubmitEndpoint(IDatabase database, TimeProvider clock) : Endpoint<SubmitRequest>
{
    public override void Configure()
    {
        Post(AccountRoutes.ChangePassword);
        Policies(Web.Identity.Policies.Person);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        DontThrowIfValidationFails();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(SubmitRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var error = !Passwords.Verify(Data.CurrentHash(database, caller.Id), request.CurrentPassword ?? "")
            ? "Mật khẩu hiện tại không đúng."
            : ValidationFailures.FirstOrDefault()?.ErrorMessage ?? PasswordPolicy.Problem(request.NewPassword, caller.Name);
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
