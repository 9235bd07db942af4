using System.Collections.Concurrent;
using Dapper;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Infrastructure.Security;

/// <summary>Loads the caller behind a session cookie or an API key, fresh from the database.</summary>
public sealed class CallerStore(IDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, long> _lastUsedWritten = new();

    public (Caller Caller, string Stamp)? LoadUser(long userId)
    {
        using var connection = database.Open();
        var user = connection.QuerySingleOrDefault<UserRow>(
            """
            SELECT id, username, role, province_code, commune_code, security_stamp
            FROM users WHERE id = @userId AND active = 1
            """, new { userId });
        if (user is null) return null;
        var counters = connection.Query<long>(
            "SELECT counter_id FROM staff_counters sc JOIN counters c ON c.id = sc.counter_id WHERE sc.user_id = @userId AND c.active = 1",
            new { userId }).ToHashSet();
        var caller = new Caller(false, user.Id, user.Username, Caller.ParseRole(user.Role), user.ProvinceCode, user.CommuneCode, counters);
        return (caller, user.SecurityStamp);
    }

    /// <summary>The caller for a presented API key, or null when it is unknown or revoked.</summary>
    public Caller? LoadApiKey(string presentedKey)
    {
        var hash = Secrets.Sha256(presentedKey);
        using var connection = database.Open();
        var key = connection.QuerySingleOrDefault<KeyRow>(
            "SELECT id, name, scope, province_code, commune_code FROM api_keys WHERE secret_hash = @hash AND revoked_at IS NULL",
            new { hash });
        if (key is null) return null;
        var counters = key.Scope == "slips"
            ? connection.Query<long>(
                "SELECT counter_id FROM api_key_counters k JOIN counters c ON c.id = k.counter_id WHERE k.api_key_id = @Id AND c.active = 1",
                new { key.Id }).ToHashSet()
            : [];
        RecordUse(connection, key.Id);
        var role = key.Scope == "slips" ? Role.SlipsClient : Role.ReportsClient;
        return new Caller(true, key.Id, key.Name, role, key.ProvinceCode, key.CommuneCode, counters);
    }

    // "Last used" to the minute is what an operator needs; writing it on every call would put a
    // write on the slip-issuing hot path.
    private void RecordUse(System.Data.Common.DbConnection connection, long keyId)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var last = _lastUsedWritten.GetValueOrDefault(keyId);
        if (nowMs - last < LastUsedResolution.TotalMilliseconds) return;
        _lastUsedWritten[keyId] = nowMs;
        connection.Execute("UPDATE api_keys SET last_used_at = @now WHERE id = @keyId", new { now, keyId });
    }

    private sealed record UserRow(long Id, string Username, string Role, string ProvinceCode, string? CommuneCode, string SecurityStamp);

    private sealed record KeyRow(long Id, string Name, string Scope, string ProvinceCode, string? CommuneCode);
}
