namespace SipasSurvey.Features.Questionnaires;

internal sealed record StoredDefinition(long Id, string Definition, string Checksum, string Status);

internal static class Data
{
    public static StoredDefinition? Version(IDatabase database, long versionId)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<StoredDefinition>("SELECT id, definition, checksum, status FROM questionnaire_versions WHERE id = @versionId", new { versionId });
    }

    public static long? FindVersionId(IDatabase database, string questionnaireId, int version)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<long?>(
            "SELECT id FROM questionnaire_versions WHERE questionnaire_id = @questionnaireId AND version = @version", new { questionnaireId, version });
    }
}
