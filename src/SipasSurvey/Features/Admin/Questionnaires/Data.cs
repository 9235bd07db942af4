using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Questionnaires;

internal sealed class VersionRow
{
    public long Id { get; init; }
    public string QuestionnaireId { get; init; } = "";
    public long Version { get; init; }

    /// <summary>"sipas-2023@1".</summary>
    public string Key { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public long Counters { get; init; }

    /// <summary>The province that owns this questionnaire; null for a national one (imported by an operator).</summary>
    public string? OwnerProvinceCode { get; init; }
}

internal sealed class ListResponse
{
    public required IReadOnlyList<VersionRow> Versions { get; init; }
}

internal static class Data
{
    /// <summary>The national questionnaires and the province's own; other provinces' do not exist for this administrator.</summary>
    public static IReadOnlyList<VersionRow> List(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        return connection.Query<VersionRow>(
            """
            SELECT q.id, q.questionnaire_id, q.version, q.questionnaire_id || '@' || q.version AS key, q.status, q.published_at,
                   (SELECT count(*) FROM counters c JOIN communes m ON m.code = c.commune_code
                    WHERE c.questionnaire_version_id = q.id AND m.province_code = @provinceCode AND c.active = 1) AS counters,
                   q.owner_province_code
            FROM questionnaire_versions q
            WHERE q.owner_province_code IS NULL OR q.owner_province_code = @provinceCode
            ORDER BY q.questionnaire_id, q.version
            """, new { provinceCode }).ToList();
    }

    /// <summary>Publishes a draft of the province's own; national drafts are an operator's to publish.</summary>
    public static bool Publish(IDatabase database, long id, string provinceCode, AuditEntry audit)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var changed = connection.Execute(
            "UPDATE questionnaire_versions SET status = 'published', published_at = @At WHERE id = @id AND status = 'draft' AND owner_province_code = @provinceCode",
            new { audit.At, id, provinceCode }, transaction);
        if (changed == 1) AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
        return changed == 1;
    }
}
