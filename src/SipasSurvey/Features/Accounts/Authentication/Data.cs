namespace SipasSurvey.Features.Accounts.Authentication;

internal sealed class SignedInUser
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string Role { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public string? CommuneCode { get; init; }
    public string SecurityStamp { get; init; } = "";
    public bool MustChangePassword { get; init; }
}

internal sealed record KeyHolder(long Id, string Name, string Scope, string ProvinceCode, string? CommuneCode);

/// <summary>Sessions (migration 0010), and the people and keys behind a request.</summary>
internal static class Data
{
    public static void OpenSession(IDatabase database, string id, long userId, DateTimeOffset now, DateTimeOffset expires)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO user_sessions (id, user_id, created_at, expires_at) VALUES (@id, @userId, @now, @expires)", new { id, userId, now, expires });
    }

    public static void EndSession(IDatabase database, string sessionId, string reason, DateTimeOffset now)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE user_sessions SET ended_at = @now, ended_reason = @reason WHERE id = @sessionId AND ended_at IS NULL", new { now, reason, sessionId });
    }

    /// <summary>Ends every open session of an account (in the caller's transaction), but <paramref name="keep"/> if given.</summary>
    public static void EndAllSessions(DbConnection connection, DbTransaction? transaction, long userId, string reason, DateTimeOffset now, string? keep = null) =>
        connection.Execute(
            "UPDATE user_sessions SET ended_at = @now, ended_reason = @reason WHERE user_id = @userId AND ended_at IS NULL AND (@keep IS NULL OR id <> @keep)",
            new { now, reason, userId, keep }, transaction);

    /// <summary>The active account behind an open, unexpired session, with the counters it works at.</summary>
    public static (SignedInUser User, HashSet<long> Counters)? SessionUser(IDatabase database, long userId, string sessionId, DateTimeOffset now)
    {
        using var connection = database.Open();
        var user = connection.QuerySingleOrDefault<SignedInUser>(
            """
            SELECT u.id, u.username, u.role, u.province_code, u.commune_code, u.security_stamp, u.must_change_password
            FROM users u JOIN user_sessions s ON s.user_id = u.id
            WHERE u.id = @userId AND u.active = 1 AND s.id = @sessionId AND s.ended_at IS NULL AND s.expires_at > @now
            """, new { userId, sessionId, now });
        if (user is null) return null;
        var counters = connection.Query<long>(
            "SELECT counter_id FROM staff_counters sc JOIN counters c ON c.id = sc.counter_id WHERE sc.user_id = @userId AND c.active = 1",
            new { userId }).ToHashSet();
        return (user, counters);
    }

    /// <summary>An unrevoked key by its hash, with its counters (slips scope); on every machine request, so prepared on the read pool.</summary>
    public static (KeyHolder Key, HashSet<long> Counters)? Key(DbConnection connection, byte[] hash)
    {
        KeyHolder key;
        using (var reader = Prepared.Command(connection,
                   "SELECT id, name, scope, province_code, commune_code FROM api_keys WHERE secret_hash = @hash AND revoked_at IS NULL",
                   ("@hash", hash)).ExecuteReader())
        {
            if (!reader.Read()) return null;
            key = new KeyHolder(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        var counters = new HashSet<long>();
        if (key.Scope == "slips")
        {
            using var list = Prepared.Command(connection,
                "SELECT counter_id FROM api_key_counters k JOIN counters c ON c.id = k.counter_id WHERE k.api_key_id = @id AND c.active = 1",
                ("@id", key.Id)).ExecuteReader();
            while (list.Read()) counters.Add(list.GetInt64(0));
        }
        return (key, counters);
    }

    public static void KeyUsed(DbConnection connection, long keyId, DateTimeOffset now) =>
        connection.Execute("UPDATE api_keys SET last_used_at = @now WHERE id = @keyId", new { now, keyId });
}
