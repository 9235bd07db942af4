namespace SipasSurvey.Features.Health;

/// <summary>What /healthz and /healthz/ready report.</summary>
internal sealed class HealthCheck(IDatabase database, Migrator migrator, Infrastructure.Writes.DatabaseWriter writer)
{
    public async Task<Response> RunAsync()
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
            if (database.Classify(e) == DatabaseFailure.Unavailable) database.ConnectionsLost();
            problems.Add("database: " + e.Message);
        }
        var healthy = reachable && problems.Count == 0;
        return new Response
        {
            Status = healthy ? "healthy" : "unhealthy",
            DatabaseReachable = reachable,
            Engine = database.Engine,
            Database = database.Name,
            MigrationsCurrent = reachable && pending.Count == 0 && problems.Count == 0,
            PendingMigrations = pending,
            Problems = problems,
        };
    }
}

/// <summary>The health check as an endpoint: its report, with 200 when healthy and 503 otherwise.</summary>
internal abstract class HealthCheckEndpoint(HealthCheck check, string route, string summary) : EndpointWithoutRequest<Response>
{
    public override void Configure()
    {
        Get(route);
        AllowAnonymous();
        Description(b => b.Produces<Response>(200).Produces<Response>(503));
        Summary(s => s.Summary = summary);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var response = await check.RunAsync();
        await Send.ResponseAsync(response, response.Status == "healthy" ? 200 : 503, ct);
    }
}
