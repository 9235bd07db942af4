using System.Security.Cryptography;
using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Counters;

internal sealed class CounterRow
{
    public long Id { get; init; }
    public string CommuneCode { get; init; } = "";
    public string CommuneName { get; init; } = "";
    public string Name { get; init; } = "";
    public long? QuestionnaireVersionId { get; init; }
    public string? QuestionnaireVersion { get; init; }
    public bool Active { get; init; }
    public bool PosterEnabled { get; init; }
}

/// <summary>What an administrator sends to create or change a counter; null means "leave as is".</summary>
internal sealed class CounterInput
{
    public string? CommuneCode { get; set; }
    public string? Name { get; set; }
    public long? QuestionnaireVersionId { get; set; }
    public bool? Active { get; set; }
    public bool? PosterEnabled { get; set; }
}

internal sealed class ListResponse
{
    public required IReadOnlyList<CounterRow> Counters { get; init; }
}

internal sealed record PublishedVersion(long Id, string Key);

internal static class Data
{
    private const string Select =
        """
        SELECT c.id, c.commune_code, m.name AS commune_name, c.name, c.questionnaire_version_id,
               q.questionnaire_id || '@' || q.version AS questionnaire_version, c.active, c.poster_enabled
        FROM counters c
        JOIN communes m ON m.code = c.commune_code
        LEFT JOIN questionnaire_versions q ON q.id = c.questionnaire_version_id
        """;

    public static IReadOnlyList<CounterRow> List(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        return connection.Query<CounterRow>(Select + " WHERE m.province_code = @provinceCode ORDER BY c.commune_code, c.id", new { provinceCode }).ToList();
    }

    public static CounterRow? Get(IDatabase database, string provinceCode, long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<CounterRow>(Select + " WHERE m.province_code = @provinceCode AND c.id = @id", new { provinceCode, id });
    }

    /// <summary>The province's communes as they are now (merged ones left out), by name.</summary>
    public static IReadOnlyList<(string Code, string Name)> CurrentCommunes(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        return connection.Query<(string Code, string Name)>(
            "SELECT code, name FROM communes WHERE province_code = @provinceCode AND valid_to IS NULL ORDER BY name", new { provinceCode }).ToList();
    }

    public static byte[]? PosterSeed(IDatabase database, long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<byte[]?>("SELECT poster_seed FROM counters WHERE id = @id AND poster_enabled = 1", new { id });
    }

    /// <summary>Published versions a counter of this province may hand out: national ones and the province's own.</summary>
    public static IReadOnlyList<PublishedVersion> PublishedVersions(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        return connection.Query<PublishedVersion>(
            """
            SELECT id, questionnaire_id || '@' || version AS key FROM questionnaire_versions
            WHERE status = 'published' AND (owner_province_code IS NULL OR owner_province_code = @provinceCode)
            ORDER BY questionnaire_id, version
            """, new { provinceCode }).ToList();
    }

    /// <summary>
    /// What needs the database: the commune is a current one of the province, and the questionnaire
    /// version is published and national or the province's own.
    /// </summary>
    public static FieldErrors CheckReferences(IDatabase database, string provinceCode, string? communeCode, long? questionnaireVersionId)
    {
        var errors = new FieldErrors();
        using var connection = database.Open();
        if (communeCode is not null && connection.ExecuteScalar<long>(
                "SELECT count(*) FROM communes WHERE code = @communeCode AND province_code = @provinceCode AND valid_to IS NULL",
                new { communeCode, provinceCode }) == 0)
            errors["communeCode"] = $"Không có xã/phường mã {communeCode} trong tỉnh/thành của Ông/Bà (unknown commune).";
        if (questionnaireVersionId is { } versionId && connection.ExecuteScalar<long>(
                """
                SELECT count(*) FROM questionnaire_versions
                WHERE id = @versionId AND status = 'published' AND (owner_province_code IS NULL OR owner_province_code = @provinceCode)
                """, new { versionId, provinceCode }) == 0)
            errors["questionnaireVersionId"] = $"Phiếu khảo sát {versionId} chưa được công bố (not a published questionnaire version).";
        return errors;
    }

    public static long Create(IDatabase database, CounterInput input, Func<long, AuditEntry> audit, DateTimeOffset now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO counters (commune_code, name, questionnaire_version_id, active, poster_enabled, poster_seed, created_at)
            VALUES (@CommuneCode, @Name, @QuestionnaireVersionId, 1, @Poster, CASE WHEN @Poster = 1 THEN @Seed END, @now) RETURNING id
            """,
            new { input.CommuneCode, Name = input.Name!.Trim(), input.QuestionnaireVersionId, Poster = input.PosterEnabled == true, Seed = RandomNumberGenerator.GetBytes(16), now },
            transaction);
        AuditLog.Write(connection, transaction, audit(id));
        transaction.Commit();
        return id;
    }

    /// <summary>
    /// Changes only what was sent. Switching poster mode on issues a new poster QR (the old one stops
    /// working). Moving the counter to another commune ends every staff and API-key binding it had:
    /// people and software of the old commune must not go on issuing slips there. The audit entry
    /// names the bindings it ended.
    /// </summary>
    public static void Update(IDatabase database, long id, string provinceCode, CounterInput input, AuditEntry audit)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var before = connection.QuerySingle<string>("SELECT commune_code FROM counters WHERE id = @id", new { id }, transaction);
        var moved = input.CommuneCode is { } commune && commune != before;
        var changed = connection.Execute(
            """
            UPDATE counters SET
                commune_code = coalesce(@CommuneCode, commune_code),
                name = coalesce(@Name, name),
                questionnaire_version_id = coalesce(@QuestionnaireVersionId, questionnaire_version_id),
                active = coalesce(@Active, active),
                poster_seed = CASE WHEN @PosterEnabled = 1 AND poster_enabled = 0 THEN @Seed ELSE poster_seed END,
                poster_enabled = coalesce(@PosterEnabled, poster_enabled)
            WHERE id = @id
              AND commune_code IN (SELECT code FROM communes WHERE province_code = @provinceCode)
              AND coalesce(@CommuneCode, commune_code) IN (SELECT code FROM communes WHERE province_code = @provinceCode)
            """,
            new { id, provinceCode, input.CommuneCode, Name = input.Name?.Trim(), input.QuestionnaireVersionId, input.Active, input.PosterEnabled, Seed = RandomNumberGenerator.GetBytes(16) },
            transaction);
        if (changed != 1) throw new InvalidOperationException($"counter {id} is not in province {provinceCode}");
        object? ended = null;
        if (moved)
        {
            var staff = connection.Query<long>("SELECT user_id FROM staff_counters WHERE counter_id = @id ORDER BY user_id", new { id }, transaction).ToList();
            var keys = connection.Query<long>("SELECT api_key_id FROM api_key_counters WHERE counter_id = @id ORDER BY api_key_id", new { id }, transaction).ToList();
            connection.Execute("DELETE FROM staff_counters WHERE counter_id = @id", new { id }, transaction);
            connection.Execute("DELETE FROM api_key_counters WHERE counter_id = @id", new { id }, transaction);
            ended = new { from = before, to = input.CommuneCode, endedStaffBindings = staff, endedApiKeyBindings = keys };
            AuditLog.Write(connection, transaction, audit with { Action = "counter.move", Details = ended });
        }
        AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
    }
}
