using FastEndpoints;
using SipasSurvey.Infrastructure.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Infrastructure.Writes;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Slips.Revoke;

public sealed class Request
{
    public long SlipId { get; set; }
}

public sealed class Response
{
    public required long SlipId { get; init; }

    /// <summary>revoked, or already-revoked.</summary>
    public required string Outcome { get; init; }
}

/// <summary>POST /api/v1/slips/{slipId}/revoke: a slip printed by mistake; refused (409) once it has been answered.</summary>
public sealed class ApiEndpoint(IDatabase database, AccessScope scope, DatabaseWriter writer, Reports.ReportCache reportCache, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post("/api/v1/slips/{slipId}/revoke");
        Policies(Infrastructure.Security.Policies.IssueSlips);
        Tags("Slips");
        Description(b => b.Produces<Response>(200).ProducesProblemDetails(404).ProducesProblemDetails(409));
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counterId = List.Data.CounterOf(database, request.SlipId);
        var counter = counterId is null ? null : scope.CounterFor(caller, counterId.Value);
        if (counter is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown slip", $"Slip {request.SlipId} does not exist or is not at one of your counters.");
            return;
        }
        var audit = AuditEntry.By(caller, HttpContext, "slip.revoke", $"slip:{request.SlipId}", new { counterId }, clock.GetUtcNow());
        var outcome = await writer.RunAsync(c => Data.Revoke(c, request.SlipId, caller.AuditName, audit));
        if (outcome == RevokeOutcome.Revoked) reportCache.Changed(counter.CommuneCode);
        if (outcome == RevokeOutcome.AlreadyAnswered)
        {
            await Problems.WriteAsync(HttpContext, 409, "Slip already answered", "An answered slip cannot be revoked: the citizen's response stands.");
            return;
        }
        await Send.OkAsync(new Response { SlipId = request.SlipId, Outcome = outcome == RevokeOutcome.Revoked ? "revoked" : "already-revoked" }, ct);
    }
}
