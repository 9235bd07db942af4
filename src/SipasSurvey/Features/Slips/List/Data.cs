using SipasSurvey.Domain.Time;

namespace SipasSurvey.Features.Slips.List;

/// <summary>A slip as its counter sees it (staff may see the dossier code; the public never does).</summary>
internal sealed class CounterSlip
{
    public long Id { get; init; }
    public byte[] Seed { get; init; } = [];
    public long? BatchId { get; init; }
    public long? StaffId { get; init; }
    public string? ProcedureCode { get; init; }
    public string? Field { get; init; }
    public string? DossierCode { get; init; }
    public string Channel { get; init; } = "";
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }

    public SlipState StateAt(DateTimeOffset now) =>
        AnsweredAt is not null ? SlipState.Answered
        : RevokedAt is not null ? SlipState.Revoked
        : ExpiresAt <= now ? SlipState.Expired
        : SlipState.Unused;
}

internal static class Data
{
    private const string Select =
        """
        SELECT s.id, s.seed, s.batch_id, s.staff_id, s.procedure_code, s.field, s.dossier_code, s.channel, s.issued_at, s.expires_at,
               s.revoked_at, r.submitted_at AS answered_at
        FROM slips s LEFT JOIN responses r ON r.slip_id = s.id
        """;

    /// <summary>The counter's slips issued on one Vietnamese calendar day, newest first.</summary>
    public static IReadOnlyList<CounterSlip> ForDay(IDatabase database, long counterId, DateOnly day)
    {
        var from = VietnamTime.StartOf(day);
        var to = VietnamTime.StartOf(day.AddDays(1));
        using var connection = database.Open();
        return connection.Query<CounterSlip>(Select + " WHERE s.counter_id = @counterId AND s.issued_at >= @from AND s.issued_at < @to ORDER BY s.id DESC",
            new { counterId, from, to }).ToList();
    }

    public static IReadOnlyList<CounterSlip> Batch(IDatabase database, long counterId, long batchId)
    {
        using var connection = database.Open();
        return connection.Query<CounterSlip>(Select + " WHERE s.counter_id = @counterId AND (s.id = @batchId OR s.batch_id = @batchId) ORDER BY s.id",
            new { counterId, batchId }).ToList();
    }

    public static CounterSlip? One(IDatabase database, long counterId, long slipId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<CounterSlip>(Select + " WHERE s.counter_id = @counterId AND s.id = @slipId", new { counterId, slipId });
    }

    public static long? CounterOf(IDatabase database, long slipId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<long?>("SELECT counter_id FROM slips WHERE id = @slipId", new { slipId });
    }
}
