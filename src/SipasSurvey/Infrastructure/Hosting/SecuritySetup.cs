using FastEndpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SipasSurvey.Infrastructure.Security;

namespace SipasSurvey.Infrastructure.Hosting;

public static class SecuritySetup
{
    /// <summary>Cookie sign-in for people, Bearer API keys for machines, named policies, antiforgery.</summary>
    public static WebApplicationBuilder AddSipasSecurity(this WebApplicationBuilder builder)
    {
        var dataDirectory = builder.Configuration.GetSection(SipasOptions.Section).Get<SipasOptions>()?.ResolvedDataDirectory
                            ?? new SipasOptions().ResolvedDataDirectory;
        // Cookie and antiforgery keys live with the data, so sessions survive a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("SipasSurvey")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        builder.Services.AddSingleton<ServerKeys>();
        builder.Services.AddSingleton<NetworkSignals>();
        builder.Services.AddOptions<LimitOptions>().Bind(builder.Configuration.GetSection("Sipas:Limits"));
        builder.Services.AddSingleton<AbuseLimits>();
        builder.Services.AddSingleton<CallerStore>();
        builder.Services.AddSingleton<AccessScope>();
        builder.Services.AddAuthentication(options =>
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
        builder.Services.AddAuthorization(Policies.Register);
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "sipas_af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__af";
        });
        return builder;
    }

    public static WebApplication UseSipasSecurity(this WebApplication app)
    {
        app.UseMiddleware<Web.CookieApiGuard>();
        app.UseAuthentication();
        app.UseMiddleware<Web.PasswordChangeGate>();
        app.UseAuthorization();
        app.UseAntiforgeryFE();
        return app;
    }
}
