using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SipasSurvey.Features.Accounts.Authentication;

namespace SipasSurvey.Features.Accounts.SignOut;

/// <summary>POST /signout: ends the session (a form post with antiforgery, never a GET link).</summary>
internal sealed class Endpoint(CallerStore callers) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post(AccountRoutes.SignOut);
        Policies(Web.Identity.Policies.Person);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (User.FindFirst(Caller.SessionClaim)?.Value is { } session) callers.EndSession(session, "signout");
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await Send.RedirectAsync(AccountRoutes.SignIn, isPermanent: false);
    }
}
