using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Slips.Revoke;

internal enum RevokeOutcome { Revoked, AlreadyRevoked, AlreadyAnswered, NotFound }

internal static class Data
{
    /// <summary>
    /// Runs in the writer, so it serialises with submissions: a slip is either answered or revoked,
    /// never both (the answer's insert refuses a revoked slip, and this refuses an answered one). A
    /// revoked slip no longer counts as issued: the fact it records takes it off the denominator.
    /// </summary>
    public static RevokeOutcome Revoke(WriteContext context, long slipId, string revokedBy, AuditEntry audit)
    {
        var connection = context.Connection;
        var slip = connection.QuerySingleOrDefault<SlipRow>(
            """
            UPDATE slips SET revoked_at = @At, revoked_by = @revokedBy
            WHERE id = @slipId AND revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.slip_id = @slipId)
            RETURNING commune_code, counter_id, staff_id, field, procedure_code, channel, issued_at
            """, new { audit.At, revokedBy, slipId });
        if (slip is null)
            return connection.QuerySingleOrDefault<(long Id, DateTimeOffset? RevokedAt)?>("SELECT id, revoked_at FROM slips WHERE id = @slipId", new { slipId }) switch
            {
                null => RevokeOutcome.NotFound,
                { RevokedAt: not null } => RevokeOutcome.AlreadyRevoked,
                _ => RevokeOutcome.AlreadyAnswered,
            };
        context.Record(new SlipsCounted(slip.CommuneCode, VietnamTime.DayKey(slip.IssuedAt), slip.Channel, slip.CounterId, slip.StaffId, slip.Field, slip.ProcedureCode, -1));
        AuditLog.Write(connection, null, audit);
        return RevokeOutcome.Revoked;
    }

    private sealed class SlipRow
    {
        public string CommuneCode { get; init; } = "";
        public long CounterId { get; init; }
        public long? StaffId { get; init; }
        public string? Field { get; init; }
        public string? ProcedureCode { get; init; }
        public string Channel { get; init; } = "";
        public DateTimeOffset IssuedAt { get; init; }
    }
}
