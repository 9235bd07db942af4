using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.ApiKeys;

internal sealed class ApiKeyRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>The first characters of the key, to recognise it; the key itself is never stored.</summary>
    public string Prefix { get; init; } = "";
    public string Scope { get; init; } = "";
    public string? CommuneCode { get; init; }
    public IReadOnlyList<long> CounterIds { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
}

internal sealed class ListResponse
{
    public required IReadOnlyList<ApiKeyRow> ApiKeys { get; init; }
}

internal sealed class ApiKeyInput
{
    public string? Name { get; set; }

    /// <summary>"slips": create slips for counterIds (the one-stop software). "reports": read-only reports for communeCode, or the whole province when it is absent.</summary>
    public string? Scope { get; set; }
    public IReadOnlyList<long>? CounterIds { get; set; }
    public string? CommuneCode { get; set; }
}

internal static class Data
{
    public static IReadOnlyList<ApiKeyRow> List(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        var keys = connection.Query<ApiKeyRow>(
            "SELECT id, name, prefix, scope, commune_code, created_at, revoked_at, last_used_at FROM api_keys WHERE province_code = @provinceCode ORDER BY id",
            new { provinceCode }).ToList();
        var counters = connection.Query<(long KeyId, long CounterId)>(
            "SELECT k.api_key_id, k.counter_id FROM api_key_counters k JOIN api_keys a ON a.id = k.api_key_id WHERE a.province_code = @provinceCode", new { provinceCode })
            .ToLookup(x => x.KeyId, x => x.CounterId);
        foreach (var key in keys) key.CounterIds = counters[key.Id].Order().ToList();
        return keys;
    }

    public static ApiKeyRow? Get(IDatabase database, string provinceCode, long id) => List(database, provinceCode).FirstOrDefault(k => k.Id == id);

    /// <summary>What needs the database: the counters (slips scope) and the commune (reports scope) belong to the province.</summary>
    public static FieldErrors CheckReferences(IDatabase database, string provinceCode, ApiKeyInput input)
    {
        var errors = new FieldErrors();
        using var connection = database.Open();
        var counters = input.CounterIds ?? [];
        if (input.Scope == "slips" && counters.Count > 0 && connection.ExecuteScalar<long>(
                $"SELECT count(*) FROM counters c JOIN communes m ON m.code = c.commune_code WHERE {connection.AnyOf("c.id", "@counters")} AND m.province_code = @provinceCode",
                new { counters, provinceCode }) != counters.Distinct().Count())
            errors["counterIds"] = "Có quầy không thuộc tỉnh/thành của Ông/Bà (unknown counter).";
        if (input.Scope == "reports" && input.CommuneCode is not null && connection.ExecuteScalar<long>(
                "SELECT count(*) FROM communes WHERE code = @CommuneCode AND province_code = @provinceCode", new { input.CommuneCode, provinceCode }) == 0)
            errors["communeCode"] = $"Không có xã/phường mã {input.CommuneCode} trong tỉnh/thành của Ông/Bà (unknown commune).";
        return errors;
    }

    /// <summary>Stores only the hash; the returned key is shown once.</summary>
    public static (long Id, string Key) Create(IDatabase database, string provinceCode, long? createdBy, ApiKeyInput input, Func<long, AuditEntry> audit, DateTimeOffset now)
    {
        var key = Secrets.NewApiKey();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO api_keys (name, prefix, secret_hash, scope, province_code, commune_code, created_by, created_at)
            VALUES (@name, @prefix, @hash, @Scope, @provinceCode, @CommuneCode, @createdBy, @now) RETURNING id
            """,
            new { name = input.Name!.Trim(), prefix = key[..10], hash = Secrets.Sha256(key), input.Scope, provinceCode, input.CommuneCode, createdBy, now }, transaction);
        foreach (var counterId in (input.CounterIds ?? []).Distinct())
            connection.Execute("INSERT INTO api_key_counters (api_key_id, counter_id) VALUES (@id, @counterId)", new { id, counterId }, transaction);
        AuditLog.Write(connection, transaction, audit(id));
        transaction.Commit();
        return (id, key);
    }

    /// <summary>Revocation bites on the next request: the triggers of migration 0018 make every app server forget the key it kept.</summary>
    public static bool Revoke(IDatabase database, long id, long? revokedBy, AuditEntry audit)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var changed = connection.Execute("UPDATE api_keys SET revoked_at = @At, revoked_by = @revokedBy WHERE id = @id AND revoked_at IS NULL",
            new { audit.At, revokedBy, id }, transaction);
        if (changed == 1) AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
        return changed == 1;
    }
}
