namespace SipasSurvey.Infrastructure;

/// <summary>
/// The data folder and the files that hold answers, keys and credentials are readable by the service's
/// own user only: folders 0700, files 0600 (a no-op on Windows, where the folder's ACL governs).
/// SQLite gives the -wal and -shm files the database file's own permissions.
/// </summary>
internal static class OwnerOnlyFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) 0700; an existing folder is left as the operator set it.</summary>
    public static void CreateFolder(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, Folder);
    }

    /// <summary>Creates an empty file 0600 unless it exists; then tightens it and its SQLite companions to 0600.</summary>
    public static void Prepare(string path, bool withSqliteCompanions = false)
    {
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = File600;
            try
            {
                using var _ = new FileStream(path, options);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Created meanwhile by another process: tightened below.
            }
        }
        Restrict(path);
        if (withSqliteCompanions)
        {
            Restrict(path + "-wal");
            Restrict(path + "-shm");
        }
    }

    /// <summary>0600 for an existing file of ours.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        try
        {
            if ((File.GetUnixFileMode(path) & ~File600) != 0) File.SetUnixFileMode(path, File600);
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to change (a file an operator placed): left as it is.
        }
    }

    /// <summary>Writes a whole text file that only the owner may read.</summary>
    public static void WriteText(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = File600;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        Restrict(path);
    }
}
