namespace SipasSurvey.Features.Operations.Backup;

/// <summary>
/// The "restore" verb: puts a checked backup in place of the database, with the service stopped.
/// Nothing is deleted: the database it replaces is moved aside (with its -wal and -shm files, so it
/// stays a consistent set) as sipas.replaced-&lt;time&gt;.db.
/// </summary>
internal static class RestoreCommand
{
    public static int Run(SipasOptions options, FileInfo backup, TimeProvider clock, TextWriter output, TextWriter error)
    {
        var databasePath = options.ResolvedDatabasePath;
        if (options.Database.IsPostgreSql)
        {
            error.WriteLine(PostgresDatabase.BackupTools);
            return 2;
        }
        if (!backup.Exists)
        {
            error.WriteLine($"{backup.FullName} does not exist.");
            return 2;
        }
        var (integrity, responses) = SqliteDatabase.CheckBackupFile(backup.FullName);
        if (integrity != "ok")
        {
            error.WriteLine($"{backup.FullName} is not a usable backup: {integrity}. Nothing was changed.");
            return 2;
        }
        using var held = ServiceLock.TryAcquire(databasePath);
        if (held is null)
        {
            error.WriteLine($"The service is running on {databasePath}: stop it first. Nothing was changed.");
            return 2;
        }
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var replaced = Path.Combine(Path.GetDirectoryName(databasePath)!, $"{Path.GetFileNameWithoutExtension(databasePath)}.replaced-{stamp}{Path.GetExtension(databasePath)}");
        for (var n = 2; File.Exists(replaced); n++)   // two restores within one second
            replaced = Path.Combine(Path.GetDirectoryName(databasePath)!, $"{Path.GetFileNameWithoutExtension(databasePath)}.replaced-{stamp}-{n}{Path.GetExtension(databasePath)}");
        if (File.Exists(databasePath))
        {
            foreach (var suffix in new[] { "-wal", "-shm", "" })
                if (File.Exists(databasePath + suffix)) File.Move(databasePath + suffix, replaced + suffix);
            output.WriteLine($"the previous database was moved to {replaced}");
        }
        var incoming = databasePath + ".restoring";
        File.Copy(backup.FullName, incoming, overwrite: true);
        Infrastructure.OwnerOnlyFiles.Restrict(incoming);
        using (var stream = new FileStream(incoming, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
        File.Move(incoming, databasePath);
        output.WriteLine($"restored {backup.FullName} ({responses} responses) to {databasePath}; start the service to use it");
        return 0;
    }
}
