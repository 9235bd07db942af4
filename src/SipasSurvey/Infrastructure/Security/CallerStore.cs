using System.Collections.Concurrent;
using Dapper;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Infrastructure.Security;

/// <summary>Loads the caller behind a session cookie or an API key, fresh from the database.</summary>
public sealed class CallerStore(IDatabase database, ReadPool reads, Writes.DatabaseWriter writer, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SipasOptions> options)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, long> _lastUsedWritten = new();

    /// <summary>Opens a server-side session for a person who just proved their password; the cookie carries its id.</summary>
    public string OpenSession(long userId)
    {
        var id = Secrets.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO user_sessions (id, user_id, created_at, expires_at) VALUES (@id, @userId, @now, @expires)",
            new { id, userId, now, expires = now.AddHours(Math.Max(1, options.Value.Sessions.AbsoluteHours)) });
        return id;
    }

    /// <summary>Signing out: the session's cookie, and any copy of it, no longer signs anyone in.</summary>
    public void EndSession(string sessionId, string reason)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE user_sessions SET ended_at = @now, ended_reason = @reason WHERE id = @sessionId AND ended_at IS NULL",
            new { now = clock.GetUtcNow(), reason, sessionId });
    }

    /// <summary>
    /// The signed-in person behind an open session, or null: the account is gone or deactivated, or the
    /// session was ended or is past its absolute end.
    /// </summary>
    public (Caller Caller, string Stamp)? LoadUser(long userId, string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId)) return null;
        using var connection = database.Open();
        var user = connection.QuerySingleOrDefault<UserRow>(
            """
            SELECT u.id, u.username, u.role, u.province_code, u.commune_code, u.security_stamp, u.must_change_password
            FROM users u JOIN user_sessions s ON s.user_id = u.id
            WHERE u.id = @userId AND u.active = 1 AND s.id = @sessionId AND s.ended_at IS NULL AND s.expires_at > @now
            """, new { userId, sessionId, now = clock.GetUtcNow() });
        if (user is null) return null;
        var counters = connection.Query<long>(
            "SELECT counter_id FROM staff_counters sc JOIN counters c ON c.id = sc.counter_id WHERE sc.user_id = @userId AND c.active = 1",
            new { userId }).ToHashSet();
        var caller = new Caller(false, user.Id, user.Username, Caller.ParseRole(user.Role), user.ProvinceCode, user.CommuneCode, counters)
        {
            MustChangePassword = user.MustChangePassword == 1,
        };
        return (caller, user.SecurityStamp);
    }

    /// <summary>The caller for a presented API key, or null when it is unknown or revoked. Runs on every machine request.</summary>
    public Caller? LoadApiKey(string presentedKey)
    {
        var hash = Secrets.Sha256(presentedKey);
        var key = reads.Run(connection =>
        {
            using var reader = Prepared.Command(connection,
                "SELECT id, name, scope, province_code, commune_code FROM api_keys WHERE secret_hash = $hash AND revoked_at IS NULL",
                ("$hash", hash)).ExecuteReader();
            if (!reader.Read()) return null;
            var row = new KeyRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            reader.Close();
            var counters = new HashSet<long>();
            if (row.Scope == "slips")
            {
                using var list = Prepared.Command(connection,
                    "SELECT counter_id FROM api_key_counters k JOIN counters c ON c.id = k.counter_id WHERE k.api_key_id = $id AND c.active = 1",
                    ("$id", row.Id)).ExecuteReader();
                while (list.Read()) counters.Add(list.GetInt64(0));
            }
            return (Row: row, Counters: counters) as (KeyRow Row, HashSet<long> Counters)?;
        });
        if (key is not { } found) return null;
        RecordUse(found.Row.Id);
        var role = found.Row.Scope == "slips" ? Role.SlipsClient : Role.ReportsClient;
        return new Caller(true, found.Row.Id, found.Row.Name, role, found.Row.ProvinceCode, found.Row.CommuneCode, found.Counters);
    }

    // "Last used" to the minute is what an operator needs; writing it on every call would put a
    // write on the slip-issuing hot path. It rides along with the next write batch.
    private void RecordUse(long keyId)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var last = _lastUsedWritten.GetValueOrDefault(keyId);
        if (nowMs - last < LastUsedResolution.TotalMilliseconds) return;
        _lastUsedWritten[keyId] = nowMs;
        if (!writer.TryRunInBackground(c => c.Execute("UPDATE api_keys SET last_used_at = @now WHERE id = @keyId", new { now, keyId })))
        {
            using var connection = database.Open();
            connection.Execute("UPDATE api_keys SET last_used_at = @now WHERE id = @keyId", new { now, keyId });
        }
    }

    /// <summary>Ends every open session of an account (in the caller's transaction), but <paramref name="keep"/> if given.</summary>
    public static void EndAllSessions(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long userId, string reason,
        DateTimeOffset now, string? keep = null) =>
        connection.Execute(
            "UPDATE user_sessions SET ended_at = @now, ended_reason = @reason WHERE user_id = @userId AND ended_at IS NULL AND (@keep IS NULL OR id <> @keep)",
            new { now, reason, userId, keep }, transaction);

    private sealed record UserRow(long Id, string Username, string Role, string ProvinceCode, string? CommuneCode, string SecurityStamp, long MustChangePassword);

    private sealed record KeyRow(long Id, string Name, string Scope, string ProvinceCode, string? CommuneCode);
}
