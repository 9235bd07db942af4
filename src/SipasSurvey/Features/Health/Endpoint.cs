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
internal sealed class Endpoint(IDatabase database, Migrator migrator, Infrastructure.Writes.DatabaseWriter writer) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get(SiteRoutes.Health);
        AllowAnonymous();
        Description(b => b.Produces<Response>(200).Produces<Response>(503));
        Summary(s => s.Summary = "Health: database reachable and migrations current");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        var reachable = false;
        IReadOnlyList<string> pending = [];
        try
        {
            reachable = Data.Ping(database);
            pending = migrator.Pending();
            if (pending.Count > 0) problems.Add($"{pending.Count} migration(s) not applied");
            if (writer.StorageProblem is { } storage && !await writer.ProbeAsync())
                problems.Add("storage: writes are failing (" + (writer.StorageProblem ?? storage) + ")");
        }
        catch (MigrationException e)
        {
            problems.Add(e.Message);
        }
        catch (Exception e) when (database.Classify(e) != DatabaseFailure.None || e is System.Data.Common.DbException or IOException)
        {
            problems.Add("database: " + e.Message);
        }
        var healthy = reachable && problems.Count == 0;
        await Send.ResponseAsync(new Response
        {
            Status = healthy ? "healthy" : "unhealthy",
            DatabaseReachable = reachable,
            Engine = database.Engine,
            Database = database.Name,
            MigrationsCurrent = reachable && pending.Count == 0 && problems.Count == 0,
            PendingMigrations = pending,
            Problems = problems,
        }, healthy ? 200 : 503, ct);
    }
}
