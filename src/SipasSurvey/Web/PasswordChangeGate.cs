namespace SipasSurvey.Web;

/// <summary>
/// A person signed in with a temporary password (set by an administrator) can do one thing: choose
/// their own. Pages redirect to the password page; the JSON API answers 403 saying why.
/// </summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(Identity.Caller.MustChangePasswordClaim, "true")) return next(context);
        var path = context.Request.Path;
        if (path.StartsWithSegments(AccountRoutes.ChangePassword) || path.StartsWithSegments(AccountRoutes.SignOut) || path.StartsWithSegments(AccountRoutes.SignIn) || path.StartsWithSegments("/assets")
            || path.StartsWithSegments(SiteRoutes.Health))
            return next(context);
        if (path.StartsWithSegments("/api"))
            return Problems.WriteAsync(context, 403, "Password change required",
                "This account signed in with a temporary password: choose your own at " + AccountRoutes.ChangePassword + " first.");
        context.Response.Redirect(AccountRoutes.ChangePassword);
        return Task.CompletedTask;
    }
}
