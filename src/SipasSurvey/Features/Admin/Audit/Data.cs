using System.Text.Encodings.Web;
using System.Text.Json;

namespace SipasSurvey.Features.Admin.Audit;

internal sealed class AuditRow
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string? Target { get; init; }
    public string? Details { get; init; }
    public string? RemoteAddress { get; init; }
}

internal static class Data
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

/// <summary>One privileged act: who, when, what, on what, from where.</summary>
internal sealed record AuditEntry(
    string Actor, long? UserId, long? KeyId, string? ProvinceCode,
    string Action, string? Target, object? Details, string? RemoteAddress, DateTimeOffset At)
{
    public static AuditEntry By(Caller caller, HttpContext http, string action, string? target, object? details, DateTimeOffset at, string? provinceCode = null) =>
        new(caller.AuditName, caller.IsMachine ? null : caller.Id, caller.IsMachine ? caller.Id : null,
            provinceCode ?? caller.ProvinceCode, action, target, details, http.Connection.RemoteIpAddress?.ToString(), at);

    public static AuditEntry ByOperator(string action, string? target, object? details, DateTimeOffset at, string? provinceCode = null) =>
        new("cli " + Environment.UserName, null, null, provinceCode, action, target, details, "local", at);
}

/// <summary>Written in the same transaction as the act itself, so an act without its trace cannot happen.</summary>
internal static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(DbConnection connection, DbTransaction? transaction, AuditEntry entry) =>
        connection.Execute(
            """
            INSERT INTO audit_log (at, actor, actor_user_id, actor_key_id, province_code, action, target, details, remote_address)
            VALUES (@At, @Actor, @UserId, @KeyId, @ProvinceCode, @Action, @Target, @Details, @RemoteAddress)
            """,
            new
            {
                entry.At, entry.Actor, entry.UserId, entry.KeyId, entry.ProvinceCode, entry.Action, entry.Target,
                Details = entry.Details is null ? null : JsonSerializer.Serialize(entry.Details, Json),
                entry.RemoteAddress,
            }, transaction);
}
