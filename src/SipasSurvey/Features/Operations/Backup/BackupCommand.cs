using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Infrastructure;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Operations.Backup;

/// <summary>
/// The "backup" verb: a consistent copy of the live database while the service keeps taking
/// submissions. VACUUM INTO reads one snapshot (WAL lets writers go on meanwhile) and writes a
/// compact file; the online backup API would restart every time a writer commits, which under a
/// steady stream of submissions may never finish.
/// </summary>
public static class BackupCommand
{
    public static int Run(SqliteDatabase database, FileInfo target, TextWriter output, TextWriter error)
    {
        if (target.Exists || Directory.Exists(target.FullName))
        {
            error.WriteLine($"{target.FullName} exists: backups are never overwritten; choose a new file name.");
            return 2;
        }
        var watch = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(target.DirectoryName!);
            // An empty 0600 file first: VACUUM INTO fills it and keeps its permissions.
            OwnerOnlyFiles.Prepare(target.FullName);
            using var connection = database.OpenSqlite();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", target.FullName);
            vacuum.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            // A full or read-only target disk, a path that cannot be created: say so, leave no half file.
            error.WriteLine($"backup {target.FullName} failed: {e.Message}. Nothing was written.");
            if (File.Exists(target.FullName)) File.Delete(target.FullName);
            return 1;
        }
        var (integrity, responses) = Check(target.FullName);
        target.Refresh();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backup {target.FullName}: {responses} responses, {target.Length / 1048576.0:0.0} MB, written in {watch.Elapsed.TotalSeconds:0.0} s; integrity_check {integrity}"));
        return integrity == "ok" ? 0 : 1;
    }

    /// <summary>Opens a backup read-only: its integrity_check result and how many responses it holds.</summary>
    public static (string Integrity, long Responses) Check(string path)
    {
        try
        {
            return CheckReadable(path);
        }
        catch (SqliteException e)
        {
            return ("unreadable: " + e.Message, 0);
        }
    }

    private static (string Integrity, long Responses) CheckReadable(string path)
    {
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        copy.Open();
        var integrity = string.Join("; ", copy.Query<string>("PRAGMA integrity_check").Take(5));
        var hasSchema = copy.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migrations', 'responses')") == 2;
        return hasSchema ? (integrity, copy.ExecuteScalar<long>("SELECT count(*) FROM responses")) : ("not a SipasSurvey database", 0);
    }
}
