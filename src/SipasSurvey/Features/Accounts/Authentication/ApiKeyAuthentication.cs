using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;



namespace SipasSurvey.Features.Accounts.Authentication;

/// <summary>"Authorization: Bearer sk_…" for machines: the one-stop software and BI tools.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallerStore callers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "apikey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is < 16 or > 256) return Task.FromResult(AuthenticateResult.Fail("malformed API key"));
        var caller = callers.LoadApiKey(key);
        if (caller is null) return Task.FromResult(AuthenticateResult.Fail("unknown or revoked API key"));
        var principal = new ClaimsPrincipal(caller.ToIdentity(SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(Context, 401, "Authentication required",
            "Send a valid, unrevoked API key as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, 403, "Forbidden", "This API key's scope does not allow this operation.");
}
