namespace SipasSurvey.Features.Digest;

internal sealed record DigestLeader(long Id, string CommuneCode, string CommuneName, string Username, string Name, string? Email);

internal sealed record DayResponse(long QuestionnaireVersionId, string Answers, string? Comment, DateTimeOffset SubmittedAt);

/// <summary>The daily digests (migration 0015): who asked, what a day held, and the one row per commune and day.</summary>
internal static class Data
{
    public static IReadOnlyList<DigestLeader> Leaders(DbConnection connection) =>
        connection.Query<DigestLeader>(
            """
            SELECT u.id, u.commune_code, m.name AS commune_name, u.username, u.display_name AS name, u.email
            FROM users u JOIN communes m ON m.code = u.commune_code
            WHERE u.role = 'leader' AND u.active = 1 AND u.daily_digest = 1
            ORDER BY u.commune_code, u.id
            """).ToList();

    public static IReadOnlyList<string> SentOn(DbConnection connection, string day) =>
        connection.Query<string>("SELECT commune_code FROM daily_digests WHERE day = @day", new { day }).ToList();

    public static IReadOnlyList<DayResponse> Responses(DbConnection connection, string communeCode, string day) =>
        connection.Query<DayResponse>(
            """
            SELECT questionnaire_version_id, answers, comment, submitted_at FROM responses
            WHERE commune_code = @communeCode AND day = @day AND channel = 'slip' ORDER BY id
            """, new { communeCode, day }).ToList();

    /// <summary>The commune's digest of the day, unless one exists (written by this or another server): true when this call wrote it.</summary>
    public static bool TryClaim(DbConnection connection, string communeCode, string day, DateTimeOffset now, string payload) =>
        connection.Execute(
            "INSERT INTO daily_digests (commune_code, day, created_at, payload) VALUES (@communeCode, @day, @now, @payload) ON CONFLICT DO NOTHING",
            new { communeCode, day, now, payload }) == 1;

    public static void EnqueueWebhook(DbConnection connection, string communeCode, string payload, DateTimeOffset now) =>
        connection.Execute(
            """
            INSERT INTO alert_outbox (response_id, commune_code, payload, created_at, next_attempt_at, kind)
            VALUES (NULL, @communeCode, @payload, @now, @now, 'sipas.daily-digest')
            """, new { communeCode, payload, now });

    public static (bool Daily, string? Email) Settings(DbConnection connection, long userId)
    {
        var (daily, email) = connection.QuerySingle<(long, string?)>("SELECT daily_digest, email FROM users WHERE id = @userId", new { userId });
        return (daily == 1, email);
    }

    public static void Save(DbConnection connection, long userId, bool daily, string? email) =>
        connection.Execute("UPDATE users SET daily_digest = @daily, email = @email WHERE id = @userId", new { userId, daily = daily ? 1 : 0, email });
}
