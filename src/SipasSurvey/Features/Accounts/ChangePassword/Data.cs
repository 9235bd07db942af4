using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Features.Accounts.Authentication;

namespace SipasSurvey.Features.Accounts.ChangePassword;

internal static class Data
{
    public static string? CurrentHash(IDatabase database, long userId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>("SELECT password_hash FROM users WHERE id = @userId AND active = 1", new { userId });
    }

    /// <summary>Sets the new hash and a new security stamp: every other session of this account ends.</summary>
    public static string Change(IDatabase database, long userId, string newHash, string? currentSession, AuditEntry audit)
    {
        var stamp = Infrastructure.Security.Passwords.NewStamp();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            "UPDATE users SET password_hash = @newHash, security_stamp = @stamp, password_changed_at = @At, failed_sign_ins = 0, must_change_password = 0 WHERE id = @userId",
            new { newHash, stamp, audit.At, userId }, transaction);
        Authentication.Data.EndAllSessions(connection, transaction, userId, "password-change", audit.At, keep: currentSession);
        AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
        return stamp;
    }
}
