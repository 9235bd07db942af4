namespace SipasSurvey.Features.Health;

internal static class Data
{
    public static bool Ping(IDatabase database)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations") > 0;
    }
}
