using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Accounts.SignIn;

internal sealed class Account
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public string SecurityStamp { get; init; } = "";
    public long FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>Where an attempt came from: keyed hashes of the device and of its network (never the address itself).</summary>
internal sealed record AttemptSource(string Device, string Network, string? RemoteAddress);

internal static class Data
{
    public static Account? Find(IDatabase database, string username)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<Account>(
            """
            SELECT id, username, province_code, password_hash, security_stamp, failed_sign_ins, locked_until
            FROM users WHERE username = @username AND active = 1
            """, new { username });
    }

    /// <summary>Until when this device or its network must wait before trying again, or null.</summary>
    public static DateTimeOffset? SourceLockedUntil(IDatabase database, AttemptSource source, DateTimeOffset now)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<DateTimeOffset?>(
            "SELECT max(locked_until) FROM sign_in_failures WHERE subject IN (@device, @network) AND locked_until > @now",
            new { device = "device:" + source.Device, network = "network:" + source.Network, now });
    }

    /// <summary>True while the account is locked for this network, or everywhere.</summary>
    public static bool AccountLocked(IDatabase database, Account account, AttemptSource source, DateTimeOffset now)
    {
        if (account.LockedUntil is { } everywhere && everywhere > now) return true;
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT count(*) FROM sign_in_failures WHERE subject = @subject AND locked_until > @now",
            new { subject = AccountSubject(account.Id, source), now }) > 0;
    }

    /// <summary>
    /// Counts a failed attempt against its device, its network and (when the name is an account) the
    /// account on that network and everywhere; each reaching its limit starts a lock. A lock of the
    /// account is audited in its province.
    /// </summary>
    public static void RecordFailure(IDatabase database, Account? account, AttemptSource source, LockoutOptions limits, DateTimeOffset now)
    {
        var window = TimeSpan.FromMinutes(Math.Max(1, limits.Minutes));
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Count(connection, transaction, "device:" + source.Device, limits.DeviceMaxFailures, now, window);
        Count(connection, transaction, "network:" + source.Network, limits.NetworkMaxFailures, now, window);
        if (account is not null)
        {
            var (failures, lockedNow) = Count(connection, transaction, AccountSubject(account.Id, source), limits.MaxFailedAttempts, now, window);
            var everywhere = connection.QuerySingle<DateTimeOffset?>(
                """
                UPDATE users
                SET failed_sign_ins = failed_sign_ins + 1,
                    locked_until = CASE WHEN failed_sign_ins + 1 >= @max THEN @until ELSE locked_until END
                WHERE id = @Id
                RETURNING CASE WHEN failed_sign_ins >= @max THEN locked_until END
                """, new { account.Id, max = Math.Max(1, limits.AccountMaxFailures), until = now + window }, transaction);
            if (everywhere is not null)
                connection.Execute("UPDATE users SET failed_sign_ins = 0 WHERE id = @Id", new { account.Id }, transaction);
            if (lockedNow || everywhere is not null)
                AuditLog.Write(connection, transaction, new AuditEntry($"user:{account.Id} {account.Username}", account.Id, null, account.ProvinceCode,
                    "user.lockout", $"user:{account.Id}", new { scope = everywhere is not null ? "everywhere" : "network", failures, until = now + window },
                    source.RemoteAddress, now));
        }
        transaction.Commit();
    }

    /// <summary>A correct password clears the account's counts (for this network and everywhere).</summary>
    public static void RecordSuccess(IDatabase database, Account account, AttemptSource source)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @Id", new { account.Id });
        connection.Execute("DELETE FROM sign_in_failures WHERE subject = @subject", new { subject = AccountSubject(account.Id, source) });
    }

    private static string AccountSubject(long userId, AttemptSource source) =>
        "account:" + userId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + source.Network;

    /// <summary>One more failure in the subject's current window; true when this one reached the limit.</summary>
    private static (long Failures, bool LockedNow) Count(DbConnection connection, DbTransaction transaction, string subject, int max, DateTimeOffset now, TimeSpan window)
    {
        var row = connection.QuerySingle<(long Failures, long? LockedUntil)>(
            """
            INSERT INTO sign_in_failures (subject, failures, first_failure_at) VALUES (@subject, 1, @now)
            ON CONFLICT (subject) DO UPDATE SET
                failures = CASE WHEN sign_in_failures.first_failure_at < @windowStart THEN 1 ELSE sign_in_failures.failures + 1 END,
                first_failure_at = CASE WHEN sign_in_failures.first_failure_at < @windowStart THEN @now ELSE sign_in_failures.first_failure_at END
            RETURNING failures, locked_until
            """, new { subject, now, windowStart = now - window }, transaction);
        if (row.Failures < Math.Max(1, max) || row.LockedUntil > now.ToUnixTimeMilliseconds()) return (row.Failures, false);
        connection.Execute("UPDATE sign_in_failures SET locked_until = @until, failures = 0, first_failure_at = @now WHERE subject = @subject",
            new { subject, until = now + window, now }, transaction);
        return (row.Failures, true);
    }
}
