namespace SipasSurvey.Web;

/// <summary>
/// A person signed in with a temporary password (set by an administrator) can do one thing: choose
/// their own. Pages redirect to the password page; the JSON API answers 403 saying why.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(Infrastructure.Security.Caller.MustChangePasswordClaim, "true")) return next(context);
        var path = context.Request.Path;
        if (path.StartsWithSegments(Paths.ChangePassword) || path.StartsWithSegments(Paths.SignOut) || path.StartsWithSegments(Paths.SignIn) || path.StartsWithSegments("/assets")
            || path.StartsWithSegments(Paths.Health))
            return next(context);
        if (path.StartsWithSegments("/api"))
            return Problems.WriteAsync(context, 403, "Password change required",
                "This account signed in with a temporary password: choose your own at " + Paths.ChangePassword + " first.");
        context.Response.Redirect(Paths.ChangePassword);
        return Task.CompletedTask;
    }
}
