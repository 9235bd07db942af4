using Dapper;
using SipasSurvey.Domain;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Questionnaires.Import;

public enum ImportOutcome { Added, Replaced, Published, Unchanged }

public sealed record QuestionnaireImportResult(ImportOutcome? Outcome, long VersionId, IReadOnlyList<ImportProblem> Problems);

public static class Data
{
    /// <summary>
    /// Stores a checked definition. A draft may be replaced freely; a published version that slips
    /// or responses refer to never changes: a new wording must come as the next version number.
    /// </summary>
    public static QuestionnaireImportResult Write(IDatabase database, QuestionnaireDefinition definition, bool publish, string fileName, DateTimeOffset now)
    {
        var json = QuestionnaireJson.Write(definition);
        var checksum = QuestionnaireJson.Checksum(json);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
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
                INSERT INTO questionnaire_versions (questionnaire_id, version, definition, checksum, status, created_at, published_at)
                VALUES (@Id, @Version, @Json, @Checksum, @Status, @Now, CASE WHEN @Status = 'published' THEN @Now END)
                RETURNING id
                """,
                new { definition.Id, definition.Version, Json = json, Checksum = checksum, Status = status, Now = now }, transaction);
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
        transaction.Commit();
        return new(outcome, versionId, []);
    }

    private static bool IsInUse(System.Data.Common.DbConnection connection, long versionId, System.Data.Common.DbTransaction transaction) =>
        connection.ExecuteScalar<long>(
            "SELECT EXISTS (SELECT 1 FROM slips WHERE questionnaire_version_id = @VersionId)",
            new { VersionId = versionId }, transaction) == 1;

    private static long NextVersion(System.Data.Common.DbConnection connection, string id, System.Data.Common.DbTransaction transaction) =>
        connection.ExecuteScalar<long>("SELECT max(version) + 1 FROM questionnaire_versions WHERE questionnaire_id = @Id", new { Id = id }, transaction);
}
