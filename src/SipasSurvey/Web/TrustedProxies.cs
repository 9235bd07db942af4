using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using SipasSurvey.Infrastructure;

namespace SipasSurvey.Web;

/// <summary>
/// The "Sipas:Proxy" section: the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are
/// believed. Both lists are empty by default, and then the headers are ignored: a client that is not
/// a trusted proxy cannot choose its own address (and with it its limits and integrity signals).
/// </summary>
internal sealed class ProxyOptions
{
    public const string Section = "Sipas:Proxy";

    /// <summary>Proxy addresses, e.g. 127.0.0.1 (Sipas__Proxy__KnownProxies__0=127.0.0.1).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. 10.20.0.0/24.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

internal static class TrustedProxies
{
    /// <summary>
    /// ASP.NET Core's forwarded-headers middleware, trusting exactly the configured proxies. Only the
    /// last X-Forwarded-For entry is taken (the one the trusted proxy appended itself), so a citizen
    /// who sends a forged X-Forwarded-For through nginx still gets the address nginx saw.
    /// X-Forwarded-Host is never honoured: slip links come from Sipas:PublicBaseUrl.
    /// </summary>
    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var proxies = proxy.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => IPAddress.TryParse(p.Trim(), out var address) ? address
                : throw new ConfigurationProblem($"Sipas:Proxy:KnownProxies holds '{p}', which is not an IP address (for example 127.0.0.1 or 10.20.0.5)."))
            .ToList();
        var networks = Networks("Sipas:Proxy:KnownNetworks", proxy.KnownNetworks);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            // The framework trusts loopback by default; here only what the operator names is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxies) options.KnownProxies.Add(address);
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
        });
    }

    /// <summary>A configured list of CIDR networks; a value that is not one stops start-up with one line naming the setting.</summary>
    public static System.Net.IPNetwork[] Networks(string setting, IEnumerable<string> values) =>
        values.Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network
                : throw new ConfigurationProblem($"{setting} holds '{n}', which is not a network in CIDR notation (for example 10.20.0.0/24)."))
            .ToArray();

    /// <summary>Whether <paramref name="address"/> is inside one of <paramref name="networks"/> (IPv4-mapped IPv6 counts as IPv4).</summary>
    public static bool IsIn(IPAddress? address, IReadOnlyList<System.Net.IPNetwork> networks)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in networks)
            if (network.Contains(address)) return true;
        return false;
    }
}
