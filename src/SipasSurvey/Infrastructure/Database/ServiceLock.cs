namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// An exclusive lock file beside the database, held by the running web service. A second service on
/// the same file, or a restore under a running service, is refused instead of racing it. The kernel
/// drops the lock when the process dies, so a crash never leaves it stuck.
/// </summary>
internal sealed class ServiceLock : IDisposable
{
    private readonly FileStream? _file;

    private ServiceLock(FileStream? file) => _file = file;

    /// <summary>Held by nothing: a shared engine (PostgreSQL) where several services per database are the point.</summary>
    public static ServiceLock NotNeeded { get; } = new(null);

    public static string PathFor(string databasePath) => databasePath + ".lock";

    public static ServiceLock? TryAcquire(string databasePath)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
            return new ServiceLock(new FileStream(PathFor(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file?.Dispose();
}
