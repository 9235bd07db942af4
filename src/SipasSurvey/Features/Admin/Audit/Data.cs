using Dapper;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Admin.Audit;

public sealed class AuditRow
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string? Target { get; init; }
    public string? Details { get; init; }
    public string? RemoteAddress { get; init; }
}

public static class Data
{
    /// <summary>Newest first, paged by id; only the entries of the administrator's province.</summary>
    public static IReadOnlyList<AuditRow> Page(IDatabase database, string provinceCode, long? beforeId, int limit, string? action)
    {
        using var connection = database.Open();
        return connection.Query<AuditRow>(
            """
            SELECT id, at, actor, action, target, details, remote_address FROM audit_log
            WHERE province_code = @provinceCode AND (@beforeId IS NULL OR id < @beforeId) AND (@action IS NULL OR action = @action)
            ORDER BY id DESC LIMIT @limit
            """, new { provinceCode, beforeId, limit, action }).ToList();
    }
}
