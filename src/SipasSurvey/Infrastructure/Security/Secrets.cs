using System.Security.Cryptography;
using System.Text;

namespace SipasSurvey.Infrastructure.Security;

internal static class Secrets
{
    /// <summary>A new API key: "sk_" + 32 random bytes (base64url). Shown once, stored as SHA-256.</summary>
    public static string NewApiKey() => "sk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>A readable temporary password: 4 groups of 4 from an alphabet without look-alikes (about 80 bits).</summary>
    public static string NewTemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[19];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i % 5 == 4 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars);
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
