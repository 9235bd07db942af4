using SipasSurvey.Features.Accounts.Authentication;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features;

internal static class FeatureServices
{
    /// <summary>What the use cases share (endpoints themselves are found by FastEndpoints), and what they hang off the writer.</summary>
    public static IServiceCollection AddSipasFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSipasAuthentication();
        services.AddSingleton<Questionnaires.QuestionnaireCatalog>();
        services.AddSingleton<Health.HealthCheck>();
        services.AddSingleton<Units.ProcedureFields>();
        services.AddSingleton<Admin.ProvinceBoundary>();
        services.AddSingleton<Admin.Counters.Create.Create>();
        services.AddSingleton<Admin.Counters.Update.Update>();
        services.AddSingleton<Admin.Users.Create.Create>();
        services.AddSingleton<Admin.Users.Update.Update>();
        services.AddSingleton<Admin.Users.ResetPassword.ResetPassword>();
        services.AddSingleton<Admin.ApiKeys.Create.Create>();
        services.AddSingleton<Admin.ApiKeys.Revoke.Revoke>();
        services.AddSingleton<Admin.Questionnaires.Import.Import>();
        services.AddSingleton<Admin.Questionnaires.Publish.Publish>();

        services.AddSingleton<Slips.SlipLinks>();
        services.AddSingleton<Slips.Issue.SlipIssuer>();
        services.AddSingleton<Slips.Revoke.RevokeSlip>();
        services.AddSingleton<Slips.CodeRekey>();
        services.AddHostedService(sp => sp.GetRequiredService<Slips.CodeRekey>());

        services.AddOptions<Survey.Submit.IntegrityRules>().Bind(configuration.GetSection("Sipas:Integrity"));
        services.AddSingleton<Survey.Surveys>();
        services.AddSingleton<Survey.Submit.Submit>();
        services.AddSingleton<Survey.SurveyPageCache>();

        services.AddSingleton<Reports.ReportQuery>();
        services.AddOptions<Reports.ReportOptions>().Bind(configuration.GetSection("Sipas:Reports"));
        services.AddSingleton<Reports.ReportCache>();

        services.AddOptions<Alerts.AlertOptions>().Bind(configuration.GetSection("Sipas:Alerts"));
        // Polly sets the per-attempt timeout; the client itself never gives up on its own.
        services.AddHttpClient(Alerts.AlertDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<Alerts.AlertWakeUp>();
        services.AddSingleton<Alerts.AlertDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Alerts.AlertDispatcher>());
        services.AddHostedService<Alerts.OutboxMetrics>();

        services.AddOptions<Infrastructure.Mail.MailOptions>().Bind(configuration.GetSection("Sipas:Mail"));
        services.AddSingleton<Infrastructure.Mail.SmtpMailer>();
        services.AddSingleton<Mail.MailWakeUp>();
        services.AddSingleton<Mail.MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Mail.MailDispatcher>());
        services.AddSingleton<Slips.Screen.ScreenAccess>();
        services.AddSingleton<Slips.Screen.ScreenView>();
        services.AddOptions<Digest.DigestOptions>().Bind(configuration.GetSection("Sipas:Digest"));
        services.AddSingleton<Digest.DailyDigest>();
        services.AddSingleton<Digest.DigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Digest.DigestScheduler>());

        services.AddOptions<Operations.Retention.RetentionOptions>().Bind(configuration.GetSection("Sipas:Retention"));
        services.AddSingleton<Operations.Retention.SignalPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<Operations.Retention.SignalPurge>());

        // What follows from committed writes, owned by the feature that needs it (the writer knows none of them).
        services.AddSingleton<IWriteHook, Reports.Aggregates.AggregatesHook>();
        services.AddSingleton<IWriteHook, Alerts.OutboxHook>();
        services.AddSingleton<IWriteHook, Reports.CacheInvalidation>();
        services.AddSingleton<IWriteHook, Slips.IssuedSlipsMetric>();
        return services;
    }
}
