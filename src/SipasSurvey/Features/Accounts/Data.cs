namespace SipasSurvey.Features.Accounts;

/// <summary>What scoping checks read on almost every request: prepared, on the read pool.</summary>
internal static class Data
{
    public static CounterInfo? Counter(DbConnection connection, long counterId)
    {
        using var reader = Prepared.Command(connection,
            """
            SELECT c.id, c.name, c.commune_code, m.name, m.province_code, c.questionnaire_version_id, c.active, c.poster_enabled
            FROM counters c JOIN communes m ON m.code = c.commune_code
            WHERE c.id = @counterId
            """, ("@counterId", counterId)).ExecuteReader();
        return reader.Read()
            ? new CounterInfo
            {
                Id = reader.GetInt64(0), Name = reader.GetString(1), CommuneCode = reader.GetString(2), CommuneName = reader.GetString(3),
                ProvinceCode = reader.GetString(4), QuestionnaireVersionId = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                Active = reader.GetInt64(6) == 1, PosterEnabled = reader.GetInt64(7) == 1,
            }
            : null;
    }

    public static (string Name, string ProvinceCode)? Commune(DbConnection connection, string communeCode)
    {
        using var reader = Prepared.Command(connection, "SELECT name, province_code FROM communes WHERE code = @code", ("@code", communeCode)).ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    public static string? ProvinceName(DbConnection connection, string provinceCode)
    {
        using var reader = Prepared.Command(connection, "SELECT name FROM provinces WHERE code = @code", ("@code", provinceCode)).ExecuteReader();
        return reader.Read() ? reader.GetString(0) : null;
    }
}
