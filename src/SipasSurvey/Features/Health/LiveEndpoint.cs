namespace SipasSurvey.Features.Health;

internal sealed class LiveResponse
{
    /// <summary>Always "alive": the process answers requests.</summary>
    public required string Status { get; init; }
}

/// <summary>
/// Liveness: 200 whenever the process can answer, without touching the database, so an orchestrator
/// restarts a hung process but not a healthy one whose database is briefly away (readiness says that).
/// </summary>
internal sealed class LiveEndpoint : EndpointWithoutRequest<LiveResponse>
{
    public override void Configure()
    {
        Get(SiteRoutes.HealthLive);
        AllowAnonymous();
        Description(b => b.Produces<LiveResponse>(200));
        Summary(s => s.Summary = "Liveness: the process answers (the database is not consulted)");
    }

    public override Task HandleAsync(CancellationToken ct) => Send.ResponseAsync(new LiveResponse { Status = "alive" }, 200, ct);
}
