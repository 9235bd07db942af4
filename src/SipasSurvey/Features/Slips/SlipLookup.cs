using Dapper;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Slips;

public enum SlipState { Unused, Answered, Expired, Revoked }

/// <summary>A slip as the citizen side sees it (no dossier code here: it is never shown to the public).</summary>
public sealed class SlipView
{
    public long Id { get; init; }
    public byte[] Seed { get; init; } = [];
    public string CommuneCode { get; init; } = "";
    public string CommuneName { get; init; } = "";
    public long CounterId { get; init; }
    public string CounterName { get; init; } = "";
    public long? StaffId { get; init; }
    public string? Field { get; init; }
    public string? ProcedureCode { get; init; }
    public long QuestionnaireVersionId { get; init; }
    public string Channel { get; init; } = "slip";
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public byte[]? IssueNetwork { get; init; }
    public long? ResponseId { get; init; }

    public SlipState StateAt(DateTimeOffset now) =>
        ResponseId is not null ? SlipState.Answered
        : RevokedAt is not null ? SlipState.Revoked
        : ExpiresAt <= now ? SlipState.Expired
        : SlipState.Unused;
}

public static class SlipLookup
{
    private const string Select =
        """
        SELECT s.id, s.seed, s.commune_code, m.name AS commune_name, s.counter_id, c.name AS counter_name, s.staff_id, s.field,
               s.procedure_code, s.questionnaire_version_id, s.channel, s.issued_at, s.expires_at, s.opened_at, s.revoked_at,
               s.issue_network, r.id AS response_id
        FROM slips s
        JOIN communes m ON m.code = s.commune_code
        JOIN counters c ON c.id = s.counter_id
        LEFT JOIN responses r ON r.slip_id = s.id
        """;

    /// <summary>The slip behind a presented token; malformed tokens are not even looked up.</summary>
    public static SlipView? ByToken(IDatabase database, string? token)
    {
        if (!SlipSecrets.LooksLikeToken(token)) return null;
        var hash = SlipSecrets.Hash(token!);
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<SlipView>(Select + " WHERE s.token_hash = @hash", new { hash });
    }

    public static SlipView? ByCode(IDatabase database, string normalizedCode)
    {
        var hash = SlipSecrets.Hash(normalizedCode);
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<SlipView>(Select + " WHERE s.code_hash = @hash", new { hash });
    }

    public static SlipView? ById(IDatabase database, long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<SlipView>(Select + " WHERE s.id = @id", new { id });
    }
}
