using System.Text.Encodings.Web;
using System.Text.Json;
using SipasSurvey.Features.Survey.Submit;

namespace SipasSurvey.Features.Alerts;

internal sealed record DueAlert(long Id, string Payload, long Attempts);

/// <summary>Alerts not yet delivered, and when the oldest of them was written.</summary>
internal sealed record OutboxBacklog(long Count, DateTimeOffset? Oldest);

/// <summary>The alert outbox (migration 0008).</summary>
internal static class Data
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the alert for a low-scoring response, in the response's transaction; the payload is fixed now.</summary>
    public static void Enqueue(DbConnection connection, AlertRule rule, IReadOnlyList<(string ComponentId, string Label, double Mean)> low, AnswerStored answer)
    {
        var place = connection.QuerySingle<(string Commune, string Province, string Counter)>(
            """
            SELECT m.name, p.name, c.name FROM counters c JOIN communes m ON m.code = c.commune_code JOIN provinces p ON p.code = m.province_code
            WHERE c.id = @CounterId
            """, new { answer.CounterId });
        var leaders = connection.Query<(string Username, string Name)>(
            "SELECT username, display_name FROM users WHERE role = 'leader' AND commune_code = @CommuneCode AND active = 1 ORDER BY id",
            new { answer.CommuneCode }).Select(l => new { username = l.Username, name = l.Name }).ToList();
        var payload = JsonSerializer.Serialize(new
        {
            type = "sipas.low-score",
            responseId = answer.ResponseId,
            communeCode = answer.CommuneCode,
            communeName = place.Commune,
            provinceName = place.Province,
            counterId = answer.CounterId,
            counterName = place.Counter,
            channel = answer.Channel,
            submittedAt = answer.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
            questionnaireVersion = rule.Definition.Key,
            lowComponents = low.Select(c => new { id = c.ComponentId, label = c.Label, meanScore = c.Mean }),
            comment = answer.Comment,
            leaders,
        }, Json);
        connection.Execute(
            """
            INSERT INTO alert_outbox (response_id, commune_code, payload, created_at, next_attempt_at)
            VALUES (@ResponseId, @CommuneCode, @payload, @now, @now)
            """, new { answer.ResponseId, answer.CommuneCode, payload, now = answer.SubmittedAt });
    }

    public static IReadOnlyList<DueAlert> Due(DbConnection connection, DateTimeOffset now) =>
        connection.Query<DueAlert>(
            "SELECT id, payload, attempts FROM alert_outbox WHERE delivered_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT 100", new { now }).ToList();

    /// <summary>
    /// Due alerts leased to this server until <paramref name="until"/>: rows another server is leasing at this
    /// moment are skipped, not waited for, and leased rows are not due for anyone else until the lease ends.
    /// </summary>
    public static IReadOnlyList<DueAlert> Lease(DbConnection connection, DateTimeOffset now, DateTimeOffset until) =>
        connection.Query<DueAlert>(
            """
            UPDATE alert_outbox SET next_attempt_at = @until
            WHERE id IN (SELECT id FROM alert_outbox WHERE delivered_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING id, payload, attempts
            """, new { now, until }).OrderBy(a => a.Id).ToList();

    /// <summary>Leased alerts this server did not try: due again from <paramref name="now"/>.</summary>
    public static int Release(DbConnection connection, IReadOnlyList<long> ids, DateTimeOffset now) =>
        connection.Execute($"UPDATE alert_outbox SET next_attempt_at = @now WHERE {connection.AnyOf("id", "@ids")} AND delivered_at IS NULL", new { ids, now });

    public static void Delivered(DbConnection connection, long id, DateTimeOffset at) =>
        connection.Execute("UPDATE alert_outbox SET delivered_at = @at, attempts = attempts + 1, last_error = NULL WHERE id = @id", new { at, id });

    public static void Failed(DbConnection connection, long id, DateTimeOffset next, string error) =>
        connection.Execute("UPDATE alert_outbox SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error WHERE id = @id", new { next, error, id });

    public static OutboxBacklog Backlog(DbConnection connection) =>
        connection.QuerySingle<OutboxBacklog>("SELECT count(*) AS Count, min(created_at) AS Oldest FROM alert_outbox WHERE delivered_at IS NULL");
}
