using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Demo;

internal sealed record DemoPlan(IReadOnlyList<(long Id, string Commune, string CommuneName, string CounterName, long Version)> Counters, ILookup<long, long> Staff);

/// <summary>What demo mode reads and writes directly: once, on an empty database, before the service runs.</summary>
internal static class Data
{
    /// <summary>The counters and their staff to generate answers for; null when the database already holds answers.</summary>
    public static DemoPlan? Plan(IDatabase database)
    {
        using var connection = database.Open();
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM responses") > 0) return null;
        var counters = connection.Query<(long, string, string, string, long)>(
            """
            SELECT c.id, c.commune_code, m.name, c.name, c.questionnaire_version_id
            FROM counters c JOIN communes m ON m.code = c.commune_code
            WHERE c.active = 1 AND c.questionnaire_version_id IS NOT NULL ORDER BY c.id
            """).ToList();
        var staff = connection.Query<(long User, long Counter)>("SELECT user_id, counter_id FROM staff_counters").ToLookup(x => x.Counter, x => x.User);
        return new DemoPlan(counters, staff);
    }

    /// <summary>
    /// Fresh demo sign-ins and API keys in one transaction (the previous demo keys revoked): the
    /// administrator, leader and staff passwords and the two keys, to hand out.
    /// </summary>
    public static (string Admin, string Leader, string Staff, string SlipsKey, string ReportsKey) RefreshAccounts(IDatabase database, string communeCode, long counterId,
        DateTimeOffset now, (string Username, string Name) admin, (string Username, string Name) leader, (string Username, string Name) staff, string keyPrefix)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var adminAccount = Upsert(connection, transaction, admin.Username, admin.Name, "admin", null, now);
        var leaderAccount = Upsert(connection, transaction, leader.Username, leader.Name, "leader", communeCode, now);
        var staffAccount = Upsert(connection, transaction, staff.Username, staff.Name, "staff", communeCode, now);
        connection.Execute("DELETE FROM staff_counters WHERE user_id = @Id", new { staffAccount.Id }, transaction);
        connection.Execute(
            "INSERT INTO staff_counters (user_id, counter_id) SELECT @Id, id FROM counters WHERE commune_code = @communeCode",
            new { staffAccount.Id, communeCode }, transaction);
        connection.Execute("UPDATE api_keys SET revoked_at = @now WHERE name LIKE @pattern AND revoked_at IS NULL", new { now, pattern = keyPrefix + "%" }, transaction);
        var slipsKey = CreateKey(connection, transaction, keyPrefix + "Phần mềm Một cửa", "slips", null, adminAccount.Id, now);
        connection.Execute("INSERT INTO api_key_counters (api_key_id, counter_id) VALUES (@Id, @counterId)", new { slipsKey.Id, counterId }, transaction);
        var reportsKey = CreateKey(connection, transaction, keyPrefix + "Công cụ báo cáo của thành phố", "reports", null, adminAccount.Id, now);
        AuditLog.Write(connection, transaction, AuditEntry.ByOperator("demo.credentials", "demo", new { admin = admin.Username, leader = leader.Username, staff = staff.Username }, now, "01"));
        transaction.Commit();
        return (adminAccount.Password, leaderAccount.Password, staffAccount.Password, slipsKey.Key, reportsKey.Key);
    }

    /// <summary>The demo communes' counters, once; then the first counter of the demo commune.</summary>
    public static long EnsureCounters(IDatabase database, IReadOnlyList<(string Commune, int Counters, long Version)> plan, string demoCommune, DateTimeOffset now)
    {
        using var connection = database.Open();
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM counters") == 0)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var (code, counters, version) in plan)
                for (var n = 1; n <= counters; n++)
                    connection.Execute(
                        "INSERT INTO counters (commune_code, name, questionnaire_version_id, created_at) VALUES (@code, @name, @version, @now)",
                        new { code, name = $"Quầy số {n} — Bộ phận Một cửa", version, now }, transaction);
            transaction.Commit();
        }
        return connection.ExecuteScalar<long>("SELECT min(id) FROM counters WHERE commune_code = @demoCommune", new { demoCommune });
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
