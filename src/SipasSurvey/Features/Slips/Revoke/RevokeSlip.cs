using SipasSurvey.Features.Accounts;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Slips.Revoke;

/// <summary>Revoking a slip printed by mistake: one use case for the one-stop software (API) and the counter page.</summary>
internal sealed class RevokeSlip(IDatabase database, AccessScope scope, DatabaseWriter writer, TimeProvider clock)
{
    /// <summary>NotFound when the slip does not exist or is not at one of the caller's counters (at <paramref name="counterId"/>, when given).</summary>
    public async Task<RevokeOutcome> HandleAsync(Caller caller, HttpContext http, long slipId, long? counterId = null)
    {
        var at = List.Data.CounterOf(database, slipId);
        if (at is null || counterId is not null && at != counterId || scope.CounterFor(caller, at.Value) is null) return RevokeOutcome.NotFound;
        var audit = AuditEntry.By(caller, http, "slip.revoke", $"slip:{slipId}", new { counterId = at }, clock.GetUtcNow());
        return await writer.RunAsync(c => Data.Revoke(c, slipId, caller.AuditName, audit));
    }
}
