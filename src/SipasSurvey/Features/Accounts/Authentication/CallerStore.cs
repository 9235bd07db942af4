using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Accounts.Authentication;

/// <summary>
/// Loads the caller behind a session cookie (fresh from the database) or an API key (kept in memory on a shared engine
/// until a change to keys is committed anywhere: <see cref="ReferenceCache"/>), and keeps sessions.
/// </summary>
internal sealed class CallerStore(IDatabase database, ReadPool reads, ReferenceCache references, DatabaseWriter writer, TimeProvider clock, IOptions<SipasOptions> options)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, long> _lastUsedWritten = new();

    /// <summary>Opens a server-side session for a person who just proved their password; the cookie carries its id.</summary>
    public string OpenSession(long userId)
    {
        var id = Secrets.Base64Url(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        Data.OpenSession(database, id, userId, now, now.AddHours(Math.Max(1, options.Value.Sessions.AbsoluteHours)));
        return id;
    }

    /// <summary>Signing out: the session's cookie, and any copy of it, no longer signs anyone in.</summary>
    public void EndSession(string sessionId, string reason) => Data.EndSession(database, sessionId, reason, clock.GetUtcNow());

    /// <summary>
    /// The signed-in person behind an open session, or null: the account is gone or deactivated, or the
    /// session was ended or is past its absolute end.
    /// </summary>
    public (Caller Caller, string Stamp)? LoadUser(long userId, string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || Data.SessionUser(database, userId, sessionId, clock.GetUtcNow()) is not var (user, counters)) return null;
        var caller = new Caller(false, user.Id, user.Username, Caller.ParseRole(user.Role), user.ProvinceCode, user.CommuneCode, counters)
        {
            MustChangePassword = user.MustChangePassword,
        };
        return (caller, user.SecurityStamp);
    }

    /// <summary>The caller for a presented API key, or null when it is unknown or revoked. Runs on every machine request.</summary>
    public Caller? LoadApiKey(string presentedKey)
    {
        var hash = Secrets.Sha256(presentedKey);
        if (references.GetOrLoad("key:" + Convert.ToHexString(hash), () => reads.Run(connection => Data.Key(connection, hash))) is not var (key, counters)) return null;
        RecordUse(key.Id);
        var role = key.Scope == "slips" ? Role.SlipsClient : Role.ReportsClient;
        return new Caller(true, key.Id, key.Name, role, key.ProvinceCode, key.CommuneCode, counters);
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
        if (!writer.TryRunInBackground(c => Data.KeyUsed(c.Connection, keyId, now)))
        {
            using var connection = database.Open();
            Data.KeyUsed(connection, keyId, now);
        }
    }
}
