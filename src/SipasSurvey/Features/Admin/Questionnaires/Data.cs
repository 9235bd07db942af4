using Dapper;
using SipasSurvey.Infrastructure.Audit;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Admin.Questionnaires;

public sealed class VersionRow
{
    public long Id { get; init; }
    public string QuestionnaireId { get; init; } = "";
    public long Version { get; init; }

    /// <summary>"sipas-2023@1".</summary>
    public string Key { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public long Counters { get; init; }
}

public static class Data
{
    public static IReadOnlyList<VersionRow> List(IDatabase database, string provinceCode)
    {
        using var connection = database.Open();
        return connection.Query<VersionRow>(
            """
            SELECT q.id, q.questionnaire_id, q.version, q.questionnaire_id || '@' || q.version AS key, q.status, q.published_at,
                   (SELECT count(*) FROM counters c JOIN communes m ON m.code = c.commune_code
                    WHERE c.questionnaire_version_id = q.id AND m.province_code = @provinceCode AND c.active = 1) AS counters
            FROM questionnaire_versions q ORDER BY q.questionnaire_id, q.version
            """, new { provinceCode }).ToList();
    }

    public static bool Publish(IDatabase database, long id, AuditEntry audit)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var changed = connection.Execute("UPDATE questionnaire_versions SET status = 'published', published_at = @At WHERE id = @id AND status = 'draft'",
            new { audit.At, id }, transaction);
        if (changed == 1) AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
        return changed == 1;
    }

    public static void Audit(IDatabase database, AuditEntry audit)
    {
        using var connection = database.Open();
        AuditLog.Write(connection, null, audit);
    }
}
