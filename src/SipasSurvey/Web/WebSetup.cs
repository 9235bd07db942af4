using System.Text.Json;
using Microsoft.OpenApi;


namespace SipasSurvey.Web;

internal static class WebSetup
{
    /// <summary>FastEndpoints, problem details, OpenAPI, antiforgery and what every page and endpoint shares.</summary>
    public static WebApplicationBuilder AddSipasWeb(this WebApplicationBuilder builder)
    {
        builder.AddTrustedProxies();
        builder.AddSipasMetrics();
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            // Sent whenever the original request was https (directly, or at a trusted proxy), whatever the host name.
            options.ExcludedHosts.Clear();
        });
        builder.Services.AddFastEndpoints();
        builder.Services.AddSingleton<NetworkSignals>();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "sipas_af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__af";
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SipasSurvey API",
                Version = "v1",
                Description = "Citizen-satisfaction surveys at one-stop counters: slips, responses and SIPAS reports. " +
                              "Errors are RFC 9457 problem details.",
            };
            return Task.CompletedTask;
        }));
        // On SIGTERM: stop taking requests, finish those in flight, commit everything queued (the writer
        // drains), then exit, all within Sipas:ShutdownSeconds.
        var shutdown = TimeSpan.FromSeconds(Math.Max(1, builder.Configuration.GetValue("Sipas:ShutdownSeconds", 30)));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        return builder;
    }

    /// <summary>The request pipeline, in order: errors, headers, guards, who is calling, what they may do, the endpoints.</summary>
    public static WebApplication UseSipasWeb(this WebApplication app)
    {
        // Who is calling, first: behind a trusted proxy the citizen's address and scheme, not the proxy's.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseHsts();
        app.UseSipasMetrics();
        // Measured by the metrics above, before anything reads the database (authentication does).
        RequestQueue.Use(app);
        app.UseStatusCodePages(StatusPages.WriteAsync);
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RouteValuesGuard>();
        app.UseMiddleware<CookieApiGuard>();
        app.UseAuthentication();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAuthorization();
        app.UseAntiforgeryFE();
        app.UseFastEndpoints(c =>
        {
            c.Errors.UseProblemDetails();
            c.Serializer.Options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            // Vietnamese stays readable UTF-8 ("Phường Hoàn Kiếm", not "Ph\u01b0\u1eddng"); JSON responses are never embedded in HTML.
            c.Serializer.Options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}

