namespace SipasSurvey.Infrastructure.Writes;

/// <summary>The storage probe's own table (migration 0007): a row that needs fresh pages, written and removed.</summary>
internal static class StorageProbe
{
    public static void Write(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO storage_probe (filler) VALUES (@filler)";
        var filler = command.CreateParameter();
        filler.ParameterName = "@filler";
        filler.Value = new byte[16384];
        command.Parameters.Add(filler);
        command.ExecuteNonQuery();
        command.Parameters.Clear();
        command.CommandText = "DELETE FROM storage_probe";
        command.ExecuteNonQuery();
    }
}
