using Microsoft.Extensions.Options;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Infrastructure.Hosting;

public static class StorageSetup
{
    /// <summary>Options, the SQLite file, the migrator and the questionnaire cache.</summary>
    public static IHostApplicationBuilder AddSipasStorage(this IHostApplicationBuilder builder)
    {
        DapperSetup.Configure();
        builder.Services.AddOptions<SipasOptions>().Bind(builder.Configuration.GetSection(SipasOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SipasOptions>>().Value.ResolvedDatabasePath));
        builder.Services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
        builder.Services.AddSingleton<ReadPool>();
        builder.Services.AddSingleton(sp => new Migrator(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<IOptions<SipasOptions>>().Value.ResolvedMigrationsDirectory));
        builder.Services.AddSingleton<QuestionnaireCatalog>();
        builder.Services.AddOptions<WriteOptions>().Bind(builder.Configuration.GetSection("Sipas:Writes"));
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection("Sipas:Storage"));
        builder.Services.AddSingleton<DatabaseWriter>();
        // Hosted services stop in reverse order: registered first, the writer stops last, after the web
        // server has finished its requests, and commits everything still queued.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<DatabaseWriter>()));
        return builder;
    }

    /// <summary>The lock file beside the database, or null (logged) when another service holds it.</summary>
    public static ServiceLock? HoldServiceLock(this IServiceProvider services)
    {
        var path = services.GetRequiredService<IOptions<SipasOptions>>().Value.ResolvedDatabasePath;
        var held = ServiceLock.TryAcquire(path);
        if (held is null)
            services.GetRequiredService<ILoggerFactory>().CreateLogger("SipasSurvey.Startup")
                .LogCritical("Another SipasSurvey service is running on {Database} (its lock file {Lock} is held); not starting a second one.", path, ServiceLock.PathFor(path));
        return held;
    }

    /// <summary>Applies pending migrations; an edited or missing applied migration stops start-up here.</summary>
    public static void MigrateDatabase(this IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SipasSurvey.Migrations");
        var report = services.GetRequiredService<Migrator>().Apply();
        foreach (var name in report.Applied) logger.LogInformation("Applied migration {Migration}", name);
        if (report.Applied.Count == 0) logger.LogInformation("Database schema is current ({Count} migrations)", report.AlreadyApplied);
    }
}
