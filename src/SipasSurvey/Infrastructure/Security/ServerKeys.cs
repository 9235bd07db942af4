using Microsoft.Extensions.Options;

namespace SipasSurvey.Infrastructure.Security;

/// <summary>
/// Server secrets: the slip-token key and the key for hashing citizens' network prefixes. From
/// configuration (Sipas:Keys:TokenKey / NetworkKey, base64, at least 32 bytes) or, when absent,
/// generated once into the data folder's keys/ directory (owner-only permissions). Never in the repository.
/// </summary>
internal sealed class ServerKeys
{
    public ServerKeys(IOptions<SipasOptions> options, IConfiguration configuration)
    {
        var folder = Path.Combine(options.Value.ResolvedDataDirectory, "keys");
        TokenKey = Load(configuration["Sipas:Keys:TokenKey"], Path.Combine(folder, "token.key"));
        NetworkKey = Load(configuration["Sipas:Keys:NetworkKey"], Path.Combine(folder, "network.key"));
    }

    public byte[] TokenKey { get; }

    public byte[] NetworkKey { get; }

    private static byte[] Load(string? configured, string file)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.FromBase64String(configured);
            if (key.Length < 32) throw new InvalidOperationException("Configured keys must be at least 32 bytes (base64).");
            return key;
        }
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
