namespace SipasSurvey.Features.Health;

/// <summary>Readiness for a load balancer: the same check as /healthz under the name probes expect.</summary>
internal sealed class ReadyEndpoint(HealthCheck check)
    : HealthCheckEndpoint(check, SiteRoutes.HealthReady, "Readiness: the same check as /healthz (take the server out of the pool while it fails)");
