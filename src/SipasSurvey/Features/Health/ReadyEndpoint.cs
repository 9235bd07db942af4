namespace SipasSurvey.Features.Health;

/// <summary>Readiness for a load balancer: the same check as /healthz under the name probes expect.</summary>
internal sealed class ReadyEndpoint(HealthCheck check) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get(SiteRoutes.HealthReady);
        AllowAnonymous();
        Description(b => b.Produces<Response>(200).Produces<Response>(503));
        Summary(s => s.Summary = "Readiness: the same check as /healthz (take the server out of the pool while it fails)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var response = await check.RunAsync();
        await Send.ResponseAsync(response, response.Status == "healthy" ? 200 : 503, ct);
    }
}
