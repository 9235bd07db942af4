using System.Security.Claims;
using FastEndpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using SipasSurvey.Infrastructure;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Accounts.SignIn;

public sealed class SubmitRequest
{
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>POST /signin: checks the password, locks the account after repeated failures.</summary>
public sealed class SubmitEndpoint(IDatabase database, CallerStore callers, TimeProvider clock, IOptions<SipasOptions> options) : Endpoint<SubmitRequest>
{
    public override void Configure()
    {
        Post(Paths.SignIn);
        AllowAnonymous();
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(SubmitRequest request, CancellationToken ct)
    {
        var username = (request.Username ?? "").Trim();
        var password = request.Password ?? "";
        var returnUrl = Forms.LocalReturnUrl(request.ReturnUrl);
        var now = clock.GetUtcNow();
        var account = username.Length is > 0 and <= 64 ? Data.Find(database, username) : null;

        if (account?.LockedUntil is { } locked && locked > now)
        {
            await Reject($"Tài khoản đang tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau {Math.Ceiling((locked - now).TotalMinutes)} phút.");
            return;
        }
        if (account is null || !Passwords.Verify(account.PasswordHash, password))
        {
            if (account is not null)
            {
                var lockout = options.Value.Lockout;
                var lockedNow = Data.RecordFailure(database, account, lockout.MaxFailedAttempts, TimeSpan.FromMinutes(lockout.Minutes), now,
                    HttpContext.Connection.RemoteIpAddress?.ToString());
                if (lockedNow is not null)
                {
                    await Reject($"Tài khoản đã bị tạm khóa {lockout.Minutes} phút do đăng nhập sai {lockout.MaxFailedAttempts} lần liên tiếp.");
                    return;
                }
            }
            else
            {
                Passwords.Verify(null, password);
            }
            await Reject("Tên đăng nhập hoặc mật khẩu không đúng.");
            return;
        }

        Data.RecordSuccess(database, account, newHash: null);
        var session = callers.OpenSession(account.Id);
        var loaded = callers.LoadUser(account.Id, session)!.Value;
        var principal = new ClaimsPrincipal(loaded.Caller.ToIdentity(CookieAuthenticationDefaults.AuthenticationScheme, loaded.Stamp, session));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        await Send.RedirectAsync(returnUrl ?? Paths.Home, isPermanent: false);

        Task Reject(string message) =>
            Send.StringAsync(Page.Render(HttpContext, username, message, returnUrl), 400, "text/html; charset=utf-8", ct);
    }
}
