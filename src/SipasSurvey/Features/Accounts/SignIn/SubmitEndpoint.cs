using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using SipasSurvey.Features.Accounts.Authentication;
using SipasSurvey.Infrastructure.Limits;

namespace SipasSurvey.Features.Accounts.SignIn;

internal sealed class SubmitRequest
{
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>
/// POST /signin: checks the password. Every failure gets the same answer, whether the name exists, the
/// password was wrong or the account is locked for this network, so nothing tells a stranger which
/// accounts exist. A device or network that keeps failing waits (429) before it can do more harm.
/// </summary>
internal sealed class SubmitEndpoint(IDatabase database, CallerStore callers, NetworkSignals networks, TimeProvider clock, IOptions<SipasOptions> options) : Endpoint<SubmitRequest>
{
    public override void Configure()
    {
        Post(AccountRoutes.SignIn);
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
        var limits = options.Value.Lockout;
        var source = new AttemptSource(AbuseLimits.Key(networks.DeviceHash(HttpContext)), AbuseLimits.Key(networks.NetworkHash(HttpContext)),
            HttpContext.Connection.RemoteIpAddress?.ToString());

        if (Data.SourceLockedUntil(database, source, now) is { } wait)
        {
            HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((wait - now).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Send.StringAsync(Page.Render(HttpContext, username,
                $"Có quá nhiều lần đăng nhập sai từ thiết bị hoặc mạng này. Vui lòng thử lại sau {Math.Ceiling((wait - now).TotalMinutes)} phút.", returnUrl),
                429, "text/html; charset=utf-8", ct);
            return;
        }
        var account = username.Length is > 0 and <= 64 ? Data.Find(database, username) : null;
        var locked = account is not null && Data.AccountLocked(database, account, source, now);
        // Verified even when the outcome is known (no account, locked), so every failure costs the same time.
        var correct = Passwords.Verify(locked ? null : account?.PasswordHash, password);
        if (!correct)
        {
            Data.RecordFailure(database, account, source, limits, now);
            await Send.StringAsync(Page.Render(HttpContext, username,
                $"Tên đăng nhập hoặc mật khẩu không đúng. Sau {limits.MaxFailedAttempts} lần sai liên tiếp, đăng nhập từ mạng này tạm dừng {limits.Minutes} phút.", returnUrl),
                400, "text/html; charset=utf-8", ct);
            return;
        }

        Data.RecordSuccess(database, account!, source);
        var session = callers.OpenSession(account!.Id);
        var loaded = callers.LoadUser(account.Id, session)!.Value;
        var principal = new ClaimsPrincipal(loaded.Caller.ToIdentity(CookieAuthenticationDefaults.AuthenticationScheme, loaded.Stamp, session));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        await Send.RedirectAsync(loaded.Caller.MustChangePassword ? AccountRoutes.ChangePassword : returnUrl ?? SiteRoutes.Home, isPermanent: false);
    }
}
