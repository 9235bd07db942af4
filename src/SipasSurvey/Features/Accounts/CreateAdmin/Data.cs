using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Accounts.CreateAdmin;

internal static class Data
{
    public static bool ProvinceExists(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM provinces WHERE code = @provinceCode", new { provinceCode }) > 0;
    }

    public static bool UsernameTaken(IDatabase database, string username)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM users WHERE username = @username", new { username }) > 0;
    }

    /// <summary>The administrator and the audit entry in one transaction; the operator chose the password, so it is not temporary.</summary>
    public static long Create(IDatabase database, string username, string displayName, string provinceCode, string password, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO users (username, display_name, role, province_code, password_hash, security_stamp, created_at, password_changed_at)
            VALUES (@username, @displayName, 'admin', @provinceCode, @hash, @stamp, @now, @now) RETURNING id
            """,
            new { username, displayName, provinceCode, hash = Passwords.Hash(password), stamp = Passwords.NewStamp(), now }, transaction);
        AuditLog.Write(connection, transaction, AuditEntry.ByOperator("user.create", $"user:{id}", new { username, role = "admin", provinceCode }, now, provinceCode));
        transaction.Commit();
        return id;
    }
}
