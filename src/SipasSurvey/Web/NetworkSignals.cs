using System.Net;
using System.Security.Cryptography;
using System.Text;


namespace SipasSurvey.Web;

/// <summary>What a request says about where it comes from: keyed hashes and the browser family, never the address.</summary>
internal sealed record ClientSignals(byte[]? NetworkHash, byte[]? DeviceHash, string UserAgentFamily);

/// <summary>
/// The coarse signals integrity checks need, and nothing more: a keyed hash of the network prefix
/// (/24 for IPv4, /48 for IPv6), a keyed hash of address + browser as a "device", and the browser
/// family. The raw address is never stored for citizens, and without the key the hashes cannot be
/// reversed by enumerating the address space.
/// </summary>
internal sealed class NetworkSignals(ServerKeys keys)
{
    public byte[]? NetworkHash(IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length == 4 ? bytes.AsSpan(0, 3) : bytes.AsSpan(0, 6);
        return Mac((byte)'n', prefix);
    }

    public byte[]? DeviceHash(IPAddress? address, string? userAgent)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var material = Encoding.UTF8.GetBytes(address + "\n" + (userAgent ?? ""));
        return Mac((byte)'d', material);
    }

    public byte[]? NetworkHash(HttpContext context) => NetworkHash(context.Connection.RemoteIpAddress);

    public byte[]? DeviceHash(HttpContext context) => DeviceHash(context.Connection.RemoteIpAddress, context.Request.Headers.UserAgent.ToString());

    public ClientSignals Signals(HttpContext context) =>
        new(NetworkHash(context), DeviceHash(context), UserAgentFamily(context.Request.Headers.UserAgent.ToString()));

    /// <summary>"Zalo", "Facebook", "Chrome", "Safari", "Samsung Internet", "Firefox", "Edge", "Bot" or "Other".</summary>
    public static string UserAgentFamily(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent)) return "Other";
        bool Has(string s) => userAgent.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (Has("bot") || Has("spider") || Has("crawl") || Has("curl") || Has("python") || Has("HeadlessChrome")) return "Bot";
        if (Has("Zalo")) return "Zalo";
        if (Has("FBAN") || Has("FBAV") || Has("FB_IAB")) return "Facebook";
        if (Has("SamsungBrowser")) return "Samsung Internet";
        if (Has("Edg/")) return "Edge";
        if (Has("Firefox") || Has("FxiOS")) return "Firefox";
        if (Has("CriOS") || Has("Chrome")) return "Chrome";
        if (Has("Safari")) return "Safari";
        return "Other";
    }

    private byte[] Mac(byte purpose, ReadOnlySpan<byte> material)
    {
        var message = new byte[material.Length + 1];
        message[0] = purpose;
        material.CopyTo(message.AsSpan(1));
        return HMACSHA256.HashData(keys.NetworkKey, message)[..16];
    }
}
