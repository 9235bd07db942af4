using SipasSurvey.Domain;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Questionnaires.Import;

internal enum ImportOutcome { Added, Replaced, Published, Unchanged }

/// <summary>What an import did; without an outcome, the problems say why nothing was written (Refused: another owner's questionnaire).</summary>
internal sealed record QuestionnaireImportResult(ImportOutcome? Outcome, long VersionId, IReadOnlyList<ImportProblem> Problems, bool Refused = false);

internal static class Data
{
    /// <summary>
    /// Stores a checked definition. A draft may be replaced freely; a published version that slips
    /// or responses refer to never changes: a new wording must come as the next version number.
    /// <paramref name="ownerProvince"/> is the importing administrator's province (null: an operator,
    /// national). An administrator may only add to or change questionnaires of their own province;
    /// reaching for a national one or another province's is refused and audited in both provinces.
    /// With an <paramref name="actor"/>, the import (or its refusal) is audited in the same transaction.
    /// </summary>
    public static QuestionnaireImportResult Write(IDatabase database, QuestionnaireDefinition definition, bool publish, string fileName, DateTimeOffset now,
        AuditEntry? actor = null, string? ownerProvince = null)
    {
        var json = QuestionnaireJson.Write(definition);
        var checksum = QuestionnaireJson.Checksum(json);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (ownerProvince is not null)
        {
            var owners = connection.Query<string?>(
                "SELECT DISTINCT owner_province_code FROM questionnaire_versions WHERE questionnaire_id = @Id", new { definition.Id }, transaction).ToList();
            if (owners.Any(o => o != ownerProvince))
            {
                if (actor is not null)
                    foreach (var province in owners.Where(o => o is not null && o != ownerProvince).Append(ownerProvince).Distinct())
                        AuditLog.Write(connection, transaction, actor with
                        {
                            Action = "questionnaire.import-refused", Target = $"questionnaire:{definition.Key}", ProvinceCode = province, At = now,
                            Details = new { reason = "owned by another province or national", publish },
                        });
                transaction.Commit();
                return new(null, 0, [new ImportProblem(fileName, "$.id",
                    $"questionnaire id '{definition.Id}' is already used by another province or is national; import yours under an id of its own")], Refused: true);
            }
        }
        var existing = connection.QuerySingleOrDefault<(long Id, string Checksum, string Status)?>(
            "SELECT id, checksum, status FROM questionnaire_versions WHERE questionnaire_id = @Id AND version = @Version",
            new { definition.Id, definition.Version }, transaction);
        var status = publish ? "published" : "draft";
        ImportOutcome outcome;
        long versionId;
        if (existing is null)
        {
            versionId = connection.ExecuteScalar<long>(
                """
                INSERT INTO questionnaire_versions (questionnaire_id, version, definition, checksum, status, created_at, published_at, owner_province_code)
                VALUES (@Id, @Version, @Json, @Checksum, @Status, @Now, CASE WHEN @Status = 'published' THEN @Now END, @ownerProvince)
                RETURNING id
                """,
                new { definition.Id, definition.Version, Json = json, Checksum = checksum, Status = status, Now = now, ownerProvince }, transaction);
            outcome = ImportOutcome.Added;
        }
        else if (existing.Value.Checksum == checksum)
        {
            versionId = existing.Value.Id;
            outcome = ImportOutcome.Unchanged;
            if (publish && existing.Value.Status == "draft")
            {
                connection.Execute("UPDATE questionnaire_versions SET status = 'published', published_at = @Now WHERE id = @Id",
                    new { Id = versionId, Now = now }, transaction);
                outcome = ImportOutcome.Published;
            }
        }
        else
        {
            versionId = existing.Value.Id;
            if (existing.Value.Status != "draft" && IsInUse(connection, versionId, transaction))
                return new(null, versionId, [new ImportProblem(fileName, "$.version",
                    $"{definition.Key} is published and already handed out on slips; its wording can never change. Publish the change as version {NextVersion(connection, definition.Id, transaction)}.")]);
            connection.Execute(
                """
                UPDATE questionnaire_versions
                SET definition = @Json, checksum = @Checksum, status = @Status,
                    published_at = CASE WHEN @Status = 'published' THEN coalesce(published_at, @Now) END
                WHERE id = @VersionId
                """,
                new { Json = json, Checksum = checksum, Status = publish ? "published" : existing.Value.Status, Now = now, VersionId = versionId }, transaction);
            outcome = ImportOutcome.Replaced;
        }
        if (actor is not null && outcome != ImportOutcome.Unchanged)
            AuditLog.Write(connection, transaction, actor with
            {
                Action = publish ? "questionnaire.publish" : "questionnaire.import", Target = $"questionnaire:{definition.Key}",
                ProvinceCode = ownerProvince ?? actor.ProvinceCode, At = now,
                Details = new { outcome = outcome.ToString().ToLowerInvariant(), versionId },
            });
        transaction.Commit();
        return new(outcome, versionId, []);
    }

    private static bool IsInUse(DbConnection connection, long versionId, DbTransaction transaction) =>
        connection.ExecuteScalar<long>(
            "SELECT EXISTS (SELECT 1 FROM slips WHERE questionnaire_version_id = @VersionId)",
            new { VersionId = versionId }, transaction) == 1;

    private static long NextVersion(DbConnection connection, string id, DbTransaction transaction) =>
        connection.ExecuteScalar<long>("SELECT max(version) + 1 FROM questionnaire_versions WHERE questionnaire_id = @Id", new { Id = id }, transaction);
}
