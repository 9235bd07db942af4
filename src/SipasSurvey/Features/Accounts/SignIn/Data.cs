using Dapper;
using SipasSurvey.Infrastructure.Audit;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Accounts.SignIn;

public sealed class Account
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public string SecurityStamp { get; init; } = "";
    public long FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
}

public static class Data
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

    /// <summary>Counts a failed attempt atomically; returns the lock end when this attempt locked the account.</summary>
    public static DateTimeOffset? RecordFailure(IDatabase database, Account account, int maxFailures, TimeSpan lockout, DateTimeOffset now, string? remoteAddress)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var until = now + lockout;
        var lockedUntil = connection.QuerySingle<DateTimeOffset?>(
            """
            UPDATE users
            SET failed_sign_ins = failed_sign_ins + 1,
                locked_until = CASE WHEN failed_sign_ins + 1 >= @maxFailures THEN @until ELSE locked_until END
            WHERE id = @Id
            RETURNING CASE WHEN failed_sign_ins >= @maxFailures THEN locked_until END
            """, new { account.Id, maxFailures, until }, transaction);
        if (lockedUntil is not null)
        {
            connection.Execute("UPDATE users SET failed_sign_ins = 0 WHERE id = @Id", new { account.Id }, transaction);
            AuditLog.Write(connection, transaction, new AuditEntry($"user:{account.Id} {account.Username}", account.Id, null, account.ProvinceCode,
                "user.lockout", $"user:{account.Id}", new { failures = maxFailures, until = lockedUntil }, remoteAddress, now));
        }
        transaction.Commit();
        return lockedUntil;
    }

    public static void RecordSuccess(IDatabase database, Account account, string? newHash)
    {
        using var connection = database.Open();
        connection.Execute(
            "UPDATE users SET failed_sign_ins = 0, locked_until = NULL, password_hash = coalesce(@newHash, password_hash) WHERE id = @Id",
            new { account.Id, newHash });
    }
}
