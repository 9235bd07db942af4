namespace SipasSurvey.Features.Units;

internal static class Data
{
    public static IReadOnlyList<string> ActiveFields(IDatabase database)
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT name FROM procedure_fields WHERE active = 1 ORDER BY name").ToList();
    }
}
