using Microsoft.Extensions.Options;

namespace SipasSurvey.Infrastructure.Security;

/// <summary>
/// Server secrets: the slip-token key and the key for hashing citizens' network prefixes. From
/// configuration (Sipas:Keys:TokenKey / NetworkKey, base64, at least 32 bytes) or, when absent,
/// generated once: into the data folder's keys/ directory (owner-only permissions) on SQLite, into the
/// database's server_secrets table on a shared engine, so every app server uses the same keys. Never in
/// the repository.
/// </summary>
internal sealed class ServerKeys
{
    public ServerKeys(IOptions<SipasOptions> options, IConfiguration configuration, IDatabase database)
    {
        var folder = Path.Combine(options.Value.ResolvedDataDirectory, "keys");
        TokenKey = Load(configuration["Sipas:Keys:TokenKey"], database, "token", Path.Combine(folder, "token.key"));
        NetworkKey = Load(configuration["Sipas:Keys:NetworkKey"], database, "network", Path.Combine(folder, "network.key"));
    }

    public byte[] TokenKey { get; }

    public byte[] NetworkKey { get; }

    private static byte[] Load(string? configured, IDatabase database, string name, string file)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.FromBase64String(configured);
            if (key.Length < 32) throw new InvalidOperationException("Configured keys must be at least 32 bytes (base64).");
            return key;
        }
        return database.Shared ? FromDatabase(database, name) : FromFile(file);
    }

    /// <summary>The first server to get here stores its key; every other one (at the same moment or later) reads that one.</summary>
    private static byte[] FromDatabase(IDatabase database, string name)
    {
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO server_secrets (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO NOTHING",
            new { name, value = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), now = DateTimeOffset.UtcNow });
        return connection.ExecuteScalar<byte[]>("SELECT value FROM server_secrets WHERE name = @name", new { name })!;
    }

    private static byte[] FromFile(string file)
    {
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());
        OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(file)!);
        var created = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var stream = new FileStream(file, options);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(created));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process created it first: use theirs.
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        return created;
    }
}
