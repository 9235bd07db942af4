using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;


namespace SipasSurvey.Features.Accounts.Authentication;

/// <summary>Cookie sessions for people. Every request re-reads the account, so changes bite at once.</summary>
internal static class CookieSessions
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = SessionCookie.Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        // Secure whenever the request came over HTTPS (always, behind a production proxy).
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(10);
        options.SlidingExpiration = true;
        options.LoginPath = AccountRoutes.SignIn;
        options.Events.OnValidatePrincipal = ValidateAsync;
        options.Events.OnRedirectToLogin = context =>
        {
            if (IsApi(context.HttpContext)) return Problems.WriteAsync(context.HttpContext, 401, "Authentication required", "Sign in or send an API key.");
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            if (IsApi(context.HttpContext)) return Problems.WriteAsync(context.HttpContext, 403, "Forbidden", "Your role does not allow this operation.");
            context.Response.StatusCode = 403;
            return StatusPages.WritePageAsync(context.HttpContext, 403);
        };
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(Caller.StampClaim);
        var session = principal.FindFirstValue(Caller.SessionClaim);
        var store = context.HttpContext.RequestServices.GetRequiredService<CallerStore>();
        var loaded = long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var userId) ? store.LoadUser(userId, session) : null;
        if (loaded is null || loaded.Value.Stamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.ReplacePrincipal(new ClaimsPrincipal(loaded.Value.Caller.ToIdentity(CookieAuthenticationDefaults.AuthenticationScheme, stamp, session)));
    }
}
