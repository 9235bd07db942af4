using OpenTelemetry.Metrics;
using SipasSurvey.Infrastructure;
using SipasSurvey.Infrastructure.Telemetry;

namespace SipasSurvey.Web;

/// <summary>The "Sipas:Metrics" section.</summary>
internal sealed class MetricsOptions
{
    public const string Section = "Sipas:Metrics";

    /// <summary>
    /// Networks (CIDR) that may read /metrics, judged on the caller's address after the trusted-proxy
    /// rule; empty means loopback only. Anyone else gets 404, as if there were no such page.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}

/// <summary>
/// OpenTelemetry metrics in Prometheus text format at /metrics: ASP.NET Core's and the runtime's own
/// instruments plus the service's (<see cref="SipasMetrics"/>). OpenTelemetry rather than
/// prometheus-net because every figure is written against the BCL's System.Diagnostics.Metrics, which
/// ASP.NET Core and the runtime already use: exporting by OTLP instead is a configuration change.
/// </summary>
internal static class Metrics
{
    private static readonly System.Net.IPNetwork[] Loopback = [System.Net.IPNetwork.Parse("127.0.0.0/8"), System.Net.IPNetwork.Parse("::1/128")];

    public static void AddSipasMetrics(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.AllowedNetworks ?? [];
        var allowed = TrustedProxies.Networks("Sipas:Metrics:AllowedNetworks", configured);
        builder.Services.AddSingleton(new MetricsReaders(allowed.Length == 0 ? Loopback : allowed));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SipasMetrics.MeterName)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // A scrape every 15–60 s is cheap to compute; without the exporter's cache a scrape right after an answer already counts it.
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
    }

    public static void UseSipasMetrics(this WebApplication app)
    {
        var readers = app.Services.GetRequiredService<MetricsReaders>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == SiteRoutes.Metrics && TrustedProxies.IsIn(context.Connection.RemoteIpAddress, readers.Networks));
    }

    private sealed record MetricsReaders(IReadOnlyList<System.Net.IPNetwork> Networks);
}
