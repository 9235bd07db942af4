using System.Security.Cryptography;
using System.Text;

namespace SipasSurvey.Domain.Slips;

/// <summary>
/// A slip's secrets derive from a random 128-bit seed and the server's key: the token in the QR
/// (HMAC, 128 bits, base64url, 22 characters) and the typeable code (50 bits in Crockford base32
/// plus a check character). The database keeps the seed and SHA-256 of token and code, so a copy
/// of the database alone yields no working link, while a counter can still reprint the same slip.
/// </summary>
internal static class SlipSecrets
{
    public const int SeedBytes = 16;
    public const int TokenLength = 22;

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    public static string Token(ReadOnlySpan<byte> key, ReadOnlySpan<byte> seed)
    {
        Span<byte> mac = stackalloc byte[32];
        Derive(key, (byte)'t', seed, mac);
        return Convert.ToBase64String(mac[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Code(ReadOnlySpan<byte> key, ReadOnlySpan<byte> seed)
    {
        Span<byte> mac = stackalloc byte[32];
        Derive(key, (byte)'c', seed, mac);
        // 7 bytes → 12 Crockford characters; the first 10 carry the first 50 bits.
        var data = SimpleBase.Base32.Crockford.Encode(mac[..7], padding: false)[..FallbackCode.DataLength];
        return data + FallbackCode.CheckCharacter(data);
    }

    public static string PosterToken(ReadOnlySpan<byte> key, ReadOnlySpan<byte> seed)
    {
        Span<byte> mac = stackalloc byte[32];
        Derive(key, (byte)'p', seed, mac);
        return Convert.ToBase64String(mac[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>SHA-256 of a token: what the database stores and looks up (128 random bits need no key to stay unguessable).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>
    /// What the database stores for a normalised typed code: keyed, because 50 bits could be swept from a
    /// copy of the database; without the token key the stored value reveals nothing about the code.
    /// </summary>
    public static byte[] CodeHash(ReadOnlySpan<byte> key, string normalizedCode)
    {
        var message = new byte[1 + normalizedCode.Length];
        message[0] = (byte)'h';
        Encoding.ASCII.GetBytes(normalizedCode, message.AsSpan(1));
        return HMACSHA256.HashData(key, message);
    }

    /// <summary>A presented token has the right shape (22 base64url characters); anything else is unknown without a lookup.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void Derive(ReadOnlySpan<byte> key, byte purpose, ReadOnlySpan<byte> seed, Span<byte> output)
    {
        Span<byte> message = stackalloc byte[1 + SeedBytes];
        message[0] = purpose;
        seed.CopyTo(message[1..]);
        HMACSHA256.HashData(key, message, output);
    }
}

/// <summary>
/// The typeable fallback code: 10 Crockford base32 characters and a Luhn mod 32 check character,
/// printed "ABCD-EFGH-JKM". Reading forgives case, spaces, dashes and the look-alikes Crockford
/// allows (O→0, I/L→1); the check character catches any single mistyped character and most swaps.
/// </summary>
internal static class FallbackCode
{
    public const int DataLength = 10;
    public const int Length = DataLength + 1;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Format(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    /// <summary>The canonical code for what someone typed, or null when it cannot be a code (wrong length, bad character, failed check).</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 40) return null;
        var chars = new StringBuilder(Length);
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ' or '.' || char.IsWhiteSpace(raw)) continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (Alphabet.IndexOf(c) < 0) return null;
            chars.Append(c);
        }
        if (chars.Length != Length) return null;
        var code = chars.ToString();
        return CheckCharacter(code[..DataLength]) == code[DataLength] ? code : null;
    }

    /// <summary>Luhn mod N over the 32-symbol alphabet.</summary>
    public static char CheckCharacter(string data)
    {
        var factor = 2;
        var sum = 0;
        for (var i = data.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(data[i]);
            factor = factor == 2 ? 1 : 2;
            sum += addend / Alphabet.Length + addend % Alphabet.Length;
        }
        return Alphabet[(Alphabet.Length - sum % Alphabet.Length) % Alphabet.Length];
    }
}
