using SipasSurvey.Features.Slips.Revoke;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Writes;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Counter;

internal sealed class RevokeRequest
{
    public long CounterId { get; set; }
    public long SlipId { get; set; }
}

/// <summary>POST /counters/{counterId}/slips/{slipId}/revoke (form).</summary>
internal sealed class RevokeFormEndpoint(RevokeSlip revoke) : Endpoint<RevokeRequest>
{
    public override void Configure()
    {
        Post(CounterRoutes.Revoke);
        Policies(Web.Identity.Policies.CounterDesk);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(RevokeRequest request, CancellationToken ct)
    {
        var outcome = await revoke.HandleAsync(Caller.From(User)!, HttpContext, request.SlipId, request.CounterId);
        if (outcome == RevokeOutcome.NotFound)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        await Send.RedirectAsync(CounterRoutes.DeskPath(request.CounterId) + (outcome == RevokeOutcome.AlreadyAnswered ? "?notice=answered" : "?notice=revoked"));
    }
}
