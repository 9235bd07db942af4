using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Revoke;

internal sealed class Request
{
    public long SlipId { get; set; }
}

internal sealed class Response
{
    public required long SlipId { get; init; }

    /// <summary>revoked, or already-revoked.</summary>
    public required string Outcome { get; init; }
}

/// <summary>POST /api/v1/slips/{slipId}/revoke: a slip printed by mistake; refused (409) once it has been answered.</summary>
internal sealed class ApiEndpoint(RevokeSlip revoke) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post(CounterRoutes.SlipRevokeApi);
        Policies(Web.Identity.Policies.IssueSlips);
        Tags("Slips");
        Description(b => b.Produces<Response>(200).ProducesProblemDetails(404).ProducesProblemDetails(409));
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        switch (await revoke.HandleAsync(Caller.From(User)!, HttpContext, request.SlipId))
        {
            case RevokeOutcome.NotFound:
                await Problems.WriteAsync(HttpContext, 404, "Unknown slip", $"Slip {request.SlipId} does not exist or is not at one of your counters.");
                return;
            case RevokeOutcome.AlreadyAnswered:
                await Problems.WriteAsync(HttpContext, 409, "Slip already answered", "An answered slip cannot be revoked: the citizen's response stands.");
                return;
            case var outcome:
                await Send.OkAsync(new Response { SlipId = request.SlipId, Outcome = outcome == RevokeOutcome.Revoked ? "revoked" : "already-revoked" }, ct);
                return;
        }
    }
}
