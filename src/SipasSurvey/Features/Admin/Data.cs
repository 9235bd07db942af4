namespace SipasSurvey.Features.Admin;

/// <summary>Which province owns an object an administrator names (see ProvinceBoundary).</summary>
internal static class Data
{
    public static string? CommuneOwner(IDatabase database, string communeCode) =>
        Scalar(database, "SELECT province_code FROM communes WHERE code = @communeCode", new { communeCode });

    public static string? CounterOwner(IDatabase database, long counterId) =>
        Scalar(database, "SELECT m.province_code FROM counters c JOIN communes m ON m.code = c.commune_code WHERE c.id = @counterId", new { counterId });

    public static string? UserOwner(IDatabase database, long userId) => Scalar(database, "SELECT province_code FROM users WHERE id = @userId", new { userId });

    public static string? ApiKeyOwner(IDatabase database, long keyId) => Scalar(database, "SELECT province_code FROM api_keys WHERE id = @keyId", new { keyId });

    public static string? QuestionnaireOwner(IDatabase database, long versionId) =>
        Scalar(database, "SELECT owner_province_code FROM questionnaire_versions WHERE id = @versionId", new { versionId });

    private static string? Scalar(IDatabase database, string sql, object parameters)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string?>(sql, parameters);
    }
}
