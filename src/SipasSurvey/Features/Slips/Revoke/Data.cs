using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Domain.Time;
using SipasSurvey.Infrastructure.Audit;

namespace SipasSurvey.Features.Slips.Revoke;

public enum RevokeOutcome { Revoked, AlreadyRevoked, AlreadyAnswered, NotFound }

public static class Data
{
    /// <summary>
    /// Runs in the writer, so it serialises with submissions: a slip is either answered or revoked,
    /// never both. A revoked slip no longer counts as issued (the response-rate denominator).
    /// </summary>
    public static RevokeOutcome Revoke(SqliteConnection connection, long slipId, string revokedBy, AuditEntry audit)
    {
        var slip = connection.QuerySingleOrDefault<SlipRow>(
            """
            SELECT s.commune_code, s.counter_id, s.staff_id, s.field, s.procedure_code, s.channel, s.issued_at, s.revoked_at,
                   EXISTS (SELECT 1 FROM responses r WHERE r.slip_id = s.id) AS answered
            FROM slips s WHERE s.id = @slipId
            """, new { slipId });
        if (slip is null) return RevokeOutcome.NotFound;
        if (slip.Answered) return RevokeOutcome.AlreadyAnswered;
        if (slip.RevokedAt is not null) return RevokeOutcome.AlreadyRevoked;
        connection.Execute("UPDATE slips SET revoked_at = @At, revoked_by = @revokedBy WHERE id = @slipId", new { audit.At, revokedBy, slipId });
        Issue.Data.CountIssued(connection, slip.CommuneCode, VietnamTime.DayKey(slip.IssuedAt), slip.Channel, slip.CounterId, slip.StaffId, slip.Field, slip.ProcedureCode, -1);
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
        public DateTimeOffset? RevokedAt { get; init; }
        public bool Answered { get; init; }
    }
}
