using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Slips.Issue;

namespace SipasSurvey.Features;

public static class FeatureServices
{
    /// <summary>Services the feature slices share (endpoints themselves are found by FastEndpoints).</summary>
    public static IServiceCollection AddSipasFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Survey.Submit.IntegrityRules>().Bind(configuration.GetSection("Sipas:Integrity"));
        services.AddSingleton<Admin.ProvinceBoundary>();
        services.AddSingleton<SlipLinks>();
        services.AddSingleton<CodeRekey>();
        services.AddHostedService(sp => sp.GetRequiredService<CodeRekey>());
        services.AddSingleton<SlipIssuer>();
        services.AddSingleton<Survey.SurveyService>();
        services.AddSingleton<Survey.SurveyPageCache>();
        services.AddSingleton<Reports.ReportQuery>();
        services.AddOptions<Reports.ReportOptions>().Bind(configuration.GetSection("Sipas:Reports"));
        services.AddSingleton<Reports.ReportCache>();
        services.AddOptions<Alerts.AlertOptions>().Bind(configuration.GetSection("Sipas:Alerts"));
        // Polly sets the per-attempt timeout; the client itself never gives up on its own.
        services.AddHttpClient(Alerts.AlertDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<Alerts.AlertDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Alerts.AlertDispatcher>());
        services.AddOptions<Operations.Retention.RetentionOptions>().Bind(configuration.GetSection("Sipas:Retention"));
        services.AddSingleton<Operations.Retention.SignalPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<Operations.Retention.SignalPurge>());
        return services;
    }
}
