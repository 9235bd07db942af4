using Dapper;
using SipasSurvey.Infrastructure.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

namespace SipasSurvey.Features.Demo;

/// <summary>
/// Demo sign-ins and API keys, regenerated on every demo start: there are no default passwords,
/// and the previous demo keys are revoked.
/// </summary>
public static class DemoAccounts
{
    public const string AdminUsername = "admin.hanoi";
    public const string LeaderUsername = "lanhdao.hoankiem";
    public const string StaffUsername = "canbo.hoankiem";
    private const string DemoKeyPrefix = "Demo — ";

    public static void Refresh(IDatabase database, DemoState state, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var admin = Upsert(connection, transaction, AdminUsername, "Quản trị viên Hà Nội (demo)", "admin", null, now);
        var leader = Upsert(connection, transaction, LeaderUsername, "Lãnh đạo phường Hoàn Kiếm (demo)", "leader", state.CommuneCode, now);
        var staff = Upsert(connection, transaction, StaffUsername, "Cán bộ Một cửa Hoàn Kiếm (demo)", "staff", state.CommuneCode, now);
        connection.Execute("DELETE FROM staff_counters WHERE user_id = @Id", new { staff.Id }, transaction);
        connection.Execute(
            "INSERT INTO staff_counters (user_id, counter_id) SELECT @Id, id FROM counters WHERE commune_code = @CommuneCode",
            new { staff.Id, state.CommuneCode }, transaction);

        connection.Execute("UPDATE api_keys SET revoked_at = @now WHERE name LIKE @pattern AND revoked_at IS NULL",
            new { now, pattern = DemoKeyPrefix + "%" }, transaction);
        var slipsKey = CreateKey(connection, transaction, DemoKeyPrefix + "Phần mềm Một cửa", "slips", null, admin.Id, now);
        connection.Execute("INSERT INTO api_key_counters (api_key_id, counter_id) VALUES (@Id, @CounterId)", new { slipsKey.Id, state.CounterId }, transaction);
        var reportsKey = CreateKey(connection, transaction, DemoKeyPrefix + "Công cụ báo cáo của thành phố", "reports", null, admin.Id, now);
        AuditLog.Write(connection, transaction, AuditEntry.ByOperator("demo.credentials", "demo", new { admin = AdminUsername, leader = LeaderUsername, staff = StaffUsername }, now, "01"));
        transaction.Commit();

        state.Credentials["apiKey"] = slipsKey.Key;
        state.Credentials["reportsApiKey"] = reportsKey.Key;
        state.Credentials["admin"] = new { username = AdminUsername, password = admin.Password };
        state.Credentials["leader"] = new { username = LeaderUsername, password = leader.Password };
        state.Credentials["staff"] = new { username = StaffUsername, password = staff.Password };
        state.Passwords[AdminUsername] = admin.Password;
        state.Passwords[LeaderUsername] = leader.Password;
        state.Passwords[StaffUsername] = staff.Password;
        state.WelcomeLines.Add($"Admin:       {AdminUsername} / {admin.Password}");
        state.WelcomeLines.Add($"Leader:      {LeaderUsername} / {leader.Password}  (Phường Hoàn Kiếm)");
        state.WelcomeLines.Add($"Counter:     {StaffUsername} / {staff.Password}  (counter {state.CounterId})");
        state.WelcomeLines.Add($"API key:     {slipsKey.Key}  (slips for counter {state.CounterId})");
        state.WelcomeLines.Add($"Reports key: {reportsKey.Key}  (province 01)");
    }

    private static (long Id, string Password) Upsert(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string username, string displayName, string role, string? commune, DateTimeOffset now)
    {
        var password = Secrets.NewTemporaryPassword();
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO users (username, display_name, role, province_code, commune_code, password_hash, security_stamp, created_at, password_changed_at)
            VALUES (@username, @displayName, @role, '01', @commune, @hash, @stamp, @now, @now)
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, security_stamp = excluded.security_stamp,
                active = 1, failed_sign_ins = 0, locked_until = NULL, role = excluded.role, commune_code = excluded.commune_code
            RETURNING id
            """,
            new { username, displayName, role, commune, hash = Passwords.Hash(password), stamp = Passwords.NewStamp(), now }, transaction);
        return (id, password);
    }

    private static (long Id, string Key) CreateKey(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string name, string scope, string? commune, long createdBy, DateTimeOffset now)
    {
        var key = Secrets.NewApiKey();
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO api_keys (name, prefix, secret_hash, scope, province_code, commune_code, created_by, created_at)
            VALUES (@name, @prefix, @hash, @scope, '01', @commune, @createdBy, @now) RETURNING id
            """, new { name, prefix = key[..10], hash = Secrets.Sha256(key), scope, commune, createdBy, now }, transaction);
        return (id, key);
    }
}
