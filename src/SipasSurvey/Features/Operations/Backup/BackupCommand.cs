using System.Diagnostics;

namespace SipasSurvey.Features.Operations.Backup;

/// <summary>
/// The "backup" verb: a consistent copy of the live database while the service keeps taking
/// submissions. VACUUM INTO reads one snapshot (WAL lets writers go on meanwhile) and writes a
/// compact file; the online backup API would restart every time a writer commits, which under a
/// steady stream of submissions may never finish.
/// </summary>
internal static class BackupCommand
{
    public static int Run(IDatabase database, FileInfo target, TextWriter output, TextWriter error)
    {
        if (database is PostgresDatabase)
        {
            error.WriteLine(PostgresDatabase.BackupTools);
            return 2;
        }
        if (target.Exists || Directory.Exists(target.FullName))
        {
            error.WriteLine($"{target.FullName} exists: backups are never overwritten; choose a new file name.");
            return 2;
        }
        var watch = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(target.DirectoryName!);
            // An empty 0600 file first: the copy fills it and keeps its permissions.
            OwnerOnlyFiles.Prepare(target.FullName);
            database.WriteBackup(target.FullName);
        }
        catch (Exception e) when (database.Classify(e) != DatabaseFailure.None || e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            // A full or read-only target disk, a path that cannot be created: say so, leave no half file.
            error.WriteLine($"backup {target.FullName} failed: {e.Message}. Nothing was written.");
            if (File.Exists(target.FullName)) File.Delete(target.FullName);
            return 1;
        }
        var (integrity, responses) = database.CheckBackup(target.FullName);
        target.Refresh();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backup {target.FullName}: {responses} responses, {target.Length / 1048576.0:0.0} MB, written in {watch.Elapsed.TotalSeconds:0.0} s; integrity_check {integrity}"));
        return integrity == "ok" ? 0 : 1;
    }
}
