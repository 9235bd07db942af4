using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SipasSurvey.Features.Accounts.Authentication;

internal static class Setup
{
    /// <summary>Cookie sessions for people, Bearer API keys for machines, the named policies.</summary>
    public static IServiceCollection AddSipasAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<CallerStore>();
        services.AddSingleton<AccessScope>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = "cookie-or-key";
                options.DefaultChallengeScheme = "cookie-or-key";
            })
            .AddPolicyScheme("cookie-or-key", "Session cookie or API key", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieSessions.Configure)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Policies.Register);
        return services;
    }
}
