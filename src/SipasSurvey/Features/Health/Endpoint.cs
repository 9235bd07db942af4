namespace SipasSurvey.Features.Health;

internal sealed class Response
{
    /// <summary>"healthy" or "unhealthy".</summary>
    public required string Status { get; init; }
    public required bool DatabaseReachable { get; init; }
    /// <summary>"sqlite" or "postgresql".</summary>
    public required string Engine { get; init; }
    /// <summary>The database file's or PostgreSQL database's name (never a password or host).</summary>
    public required string Database { get; init; }
    public required bool MigrationsCurrent { get; init; }
    public IReadOnlyList<string> PendingMigrations { get; init; } = [];
    public IReadOnlyList<string> Problems { get; init; } = [];
}

/// <summary>
/// Load balancers and operators: 200 when the database answers, the schema is current and writes
/// can be committed (after a disk-full or read-only failure a probe write must succeed), else 503.
/// </summary>
internal sealed class Endpoint(HealthCheck check) : HealthCheckEndpoint(check, SiteRoutes.Health, "Health: database reachable and migrations current");
