namespace SipasSurvey.Tests.Support;

public static class TempFolder
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "sipas-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process being torn down; the OS temp cleaner gets it.
        }
    }

    /// <summary>The migrations folder as shipped next to the app (a copy of the repository's migrations/, a folder per engine).</summary>
    public static string ShippedMigrationsRoot => Path.Combine(AppContext.BaseDirectory, "migrations");

    /// <summary>The shipped migrations of this test run's engine.</summary>
    public static string ShippedMigrations => Path.Combine(ShippedMigrationsRoot, TestEngine.Name);

    public static string Samples => Path.Combine(AppContext.BaseDirectory, "samples");

    public static string CopyOfMigrations()
    {
        var copy = Create("migrations");
        foreach (var file in Directory.GetFiles(ShippedMigrations, "*.sql"))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }
}
