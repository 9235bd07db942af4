using FastEndpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SipasSurvey.Tests.Support;

/// <summary>The endpoints the running app registered, read from ASP.NET's own endpoint data source.</summary>
public static class EndpointCatalog
{
    public static IReadOnlyList<RouteEndpoint> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<EndpointDefinition>() is not null)
            .ToList();

    /// <summary>Routes of endpoints that speak JSON (everything under /api plus /healthz), as OpenAPI writes them.</summary>
    public static IReadOnlyList<string> JsonRoutes(IServiceProvider services) =>
        All(services).Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) || r == "/healthz")
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r, @"\{([^}:]+)(:[^}]*)?\}", "{$1}"))
            .Distinct().ToList();
}
