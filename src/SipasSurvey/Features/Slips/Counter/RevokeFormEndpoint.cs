using FastEndpoints;
using SipasSurvey.Features.Slips.Revoke;
using SipasSurvey.Infrastructure.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Infrastructure.Writes;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Slips.Counter;

public sealed class RevokeRequest
{
    public long CounterId { get; set; }
    public long SlipId { get; set; }
}

/// <summary>POST /counters/{counterId}/slips/{slipId}/revoke (form).</summary>
public sealed class RevokeFormEndpoint(IDatabase database, AccessScope scope, DatabaseWriter writer, Reports.ReportCache reportCache, TimeProvider clock) : Endpoint<RevokeRequest>
{
    public override void Configure()
    {
        Post(Paths.Counters + "/{counterId}/slips/{slipId}/revoke");
        Policies(Infrastructure.Security.Policies.CounterDesk);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(RevokeRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counter = scope.CounterFor(caller, request.CounterId);
        if (counter is null || List.Data.One(database, request.CounterId, request.SlipId) is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var audit = AuditEntry.By(caller, HttpContext, "slip.revoke", $"slip:{request.SlipId}", new { counterId = request.CounterId }, clock.GetUtcNow());
        var outcome = await writer.RunAsync(c => Revoke.Data.Revoke(c, request.SlipId, caller.AuditName, audit));
        if (outcome == RevokeOutcome.Revoked) reportCache.Changed(counter.CommuneCode);
        await Send.RedirectAsync(Pages.DeskPath(request.CounterId) + (outcome == RevokeOutcome.AlreadyAnswered ? "?notice=answered" : "?notice=revoked"));
    }
}
