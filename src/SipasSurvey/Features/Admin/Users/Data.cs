using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Features.Accounts.Authentication;

namespace SipasSurvey.Features.Admin.Users;

internal sealed class UserRow
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public string? CommuneCode { get; init; }
    public string? CommuneName { get; init; }
    public bool Active { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public IReadOnlyList<long> CounterIds { get; set; } = [];
}

/// <summary>What an administrator sends about a person; null means "leave as is".</summary>
internal sealed class ListResponse
{
    public required IReadOnlyList<UserRow> Users { get; init; }
}

internal sealed class PasswordResetResponse
{
    public required string TemporaryPassword { get; init; }
}

/// <summary>A user as an administrator describes it; the create request is exactly this, an update leaves the username out.</summary>
internal class UserInput
{
    public string? Username { get; set; }
    public string? DisplayName { get; set; }

    /// <summary>"staff" (counter officer), "leader" (commune leader) or "admin" (province administrator).</summary>
    public string? Role { get; set; }
    public string? CommuneCode { get; set; }

    /// <summary>Counters a staff member may issue slips for (counters of their commune).</summary>
    public IReadOnlyList<long>? CounterIds { get; set; }
    public bool? Active { get; set; }
}

internal static class Data
{
    private const string Select =
        """
        SELECT u.id, u.username, u.display_name, u.role, u.commune_code, m.name AS commune_name, u.active, u.locked_until
        FROM users u LEFT JOIN communes m ON m.code = u.commune_code
        """;

    public static IReadOnlyList<UserRow> List(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        var users = connection.Query<UserRow>(Select + " WHERE u.province_code = @provinceCode ORDER BY u.role, u.commune_code, u.username", new { provinceCode }).ToList();
        var counters = connection.Query<(long UserId, long CounterId)>(
            "SELECT sc.user_id, sc.counter_id FROM staff_counters sc JOIN users u ON u.id = sc.user_id WHERE u.province_code = @provinceCode", new { provinceCode })
            .ToLookup(x => x.UserId, x => x.CounterId);
        foreach (var user in users) user.CounterIds = counters[user.Id].Order().ToList();
        return users;
    }

    public static UserRow? Get(IDatabase database, string provinceCode, long id)
    {
        using var connection = database.Open();
        var user = connection.QuerySingleOrDefault<UserRow>(Select + " WHERE u.province_code = @provinceCode AND u.id = @id", new { provinceCode, id });
        if (user is not null) user.CounterIds = connection.Query<long>("SELECT counter_id FROM staff_counters WHERE user_id = @id ORDER BY counter_id", new { id }).ToList();
        return user;
    }

    /// <summary>
    /// What needs the database: the username is free, the commune belongs to the province, and every
    /// counter is in the person's commune. <paramref name="existing"/> is null when creating.
    /// </summary>
    public static FieldErrors CheckReferences(IDatabase database, string provinceCode, UserInput input, UserRow? existing)
    {
        var errors = new FieldErrors();
        using var connection = database.Open();
        if (existing is null && input.Username?.Trim().ToLowerInvariant() is { Length: > 0 } username
            && connection.ExecuteScalar<long>("SELECT count(*) FROM users WHERE username = @username", new { username }) > 0)
            errors["username"] = $"Tên đăng nhập {username} đã có người dùng (username taken).";
        var role = input.Role ?? existing?.Role;
        var commune = role == "admin" ? null : input.CommuneCode ?? existing?.CommuneCode;
        if (role is "staff" or "leader")
        {
            if (string.IsNullOrWhiteSpace(commune))
                errors["communeCode"] = "Cán bộ và lãnh đạo cần thuộc một xã/phường (communeCode is required for staff and leaders).";
            else if (connection.ExecuteScalar<long>("SELECT count(*) FROM communes WHERE code = @commune AND province_code = @provinceCode", new { commune, provinceCode }) == 0)
                errors["communeCode"] = $"Không có xã/phường mã {commune} trong tỉnh/thành của Ông/Bà (unknown commune).";
        }
        var counters = input.CounterIds ?? (role == "staff" && commune == existing?.CommuneCode ? existing?.CounterIds : null) ?? [];
        if (counters.Count > 0 && role != "staff")
            errors["counterIds"] = "Chỉ cán bộ Một cửa được gán quầy (only staff are assigned counters).";
        else if (counters.Count > 0 && commune is not null
                 && connection.ExecuteScalar<long>($"SELECT count(*) FROM counters WHERE {connection.AnyOf("id", "@counters")} AND commune_code = @commune", new { counters, commune }) != counters.Distinct().Count())
            errors["counterIds"] = "Có quầy không thuộc xã/phường của cán bộ (a counter is not in the staff member's commune).";
        return errors;
    }

    /// <summary>Creates the account with a temporary password, returned once to be handed over and changed at the first sign-in.</summary>
    public static (long Id, string TemporaryPassword) Create(IDatabase database, string provinceCode, UserInput input, Func<long, AuditEntry> audit, DateTimeOffset now)
    {
        var password = Secrets.NewTemporaryPassword();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO users (username, display_name, role, province_code, commune_code, password_hash, security_stamp, created_at, password_changed_at, must_change_password)
            VALUES (@username, @displayName, @Role, @provinceCode, @commune, @hash, @stamp, @now, @now, 1) RETURNING id
            """,
            new
            {
                username = input.Username!.Trim().ToLowerInvariant(), displayName = input.DisplayName!.Trim(), input.Role, provinceCode,
                commune = input.Role == "admin" ? null : input.CommuneCode, hash = Passwords.Hash(password), stamp = Passwords.NewStamp(), now,
            }, transaction);
        foreach (var counterId in (input.Role == "staff" ? input.CounterIds ?? [] : []).Distinct())
            connection.Execute("INSERT INTO staff_counters (user_id, counter_id) VALUES (@id, @counterId)", new { id, counterId }, transaction);
        AuditLog.Write(connection, transaction, audit(id));
        transaction.Commit();
        return (id, password);
    }

    /// <summary>
    /// Applies what was sent. A change of role, commune or active state renews the security stamp,
    /// which ends the person's open sessions at their next request.
    /// </summary>
    public static void Update(IDatabase database, UserRow existing, UserInput input, AuditEntry audit)
    {
        var role = input.Role ?? existing.Role;
        var commune = role == "admin" ? null : input.CommuneCode ?? existing.CommuneCode;
        var active = input.Active ?? existing.Active;
        var endSessions = role != existing.Role || commune != existing.CommuneCode || active != existing.Active;
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            UPDATE users SET display_name = coalesce(@DisplayName, display_name), role = @role, commune_code = @commune, active = @active,
                security_stamp = CASE WHEN @endSessions = 1 THEN @stamp ELSE security_stamp END
            WHERE id = @Id
            """,
            new { existing.Id, DisplayName = input.DisplayName?.Trim(), role, commune, active, endSessions, stamp = Passwords.NewStamp() }, transaction);
        if (endSessions) Accounts.Authentication.Data.EndAllSessions(connection, transaction, existing.Id, "account-change", audit.At);
        if (input.CounterIds is not null || role != "staff" || commune != existing.CommuneCode)
        {
            connection.Execute("DELETE FROM staff_counters WHERE user_id = @Id", new { existing.Id }, transaction);
            foreach (var counterId in (role == "staff" ? input.CounterIds ?? (commune == existing.CommuneCode ? existing.CounterIds : []) : []).Distinct())
                connection.Execute("INSERT INTO staff_counters (user_id, counter_id) VALUES (@Id, @counterId)", new { existing.Id, counterId }, transaction);
        }
        AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
    }

    public static string ResetPassword(IDatabase database, long id, AuditEntry audit)
    {
        var password = Secrets.NewTemporaryPassword();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            """
            UPDATE users SET password_hash = @hash, security_stamp = @stamp, password_changed_at = @At, failed_sign_ins = 0, locked_until = NULL,
                must_change_password = 1
            WHERE id = @id
            """,
            new { hash = Passwords.Hash(password), stamp = Passwords.NewStamp(), audit.At, id }, transaction);
        Accounts.Authentication.Data.EndAllSessions(connection, transaction, id, "password-reset", audit.At);
        AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
        return password;
    }
}
