using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SipasSurvey.Infrastructure.Limits;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Infrastructure;

internal static class InfrastructureSetup
{
    /// <summary>Options, the database, the migrator, the writer, keys and limits: the I/O every host (web service or verb) needs.</summary>
    public static IHostApplicationBuilder AddSipasInfrastructure(this IHostApplicationBuilder builder)
    {
        DapperSetup.Configure();
        var services = builder.Services;
        services.AddOptions<SipasOptions>().Bind(builder.Configuration.GetSection(SipasOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection("Sipas:Storage"));
        var options = builder.Configuration.GetSection(SipasOptions.Section).Get<SipasOptions>() ?? new SipasOptions();
        if (options.Database.IsPostgreSql)
        {
            var connectionString = builder.Configuration.GetConnectionString("Sipas");
            if (options.Database.Problem(connectionString) is { } problem) throw new ConfigurationProblem(problem);
            services.AddSingleton(_ => new PostgresDatabase(connectionString!));
            services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<PostgresDatabase>());
            services.AddHostedService<ReferenceChangeListener>();
            // Requests read PostgreSQL synchronously, so each waits for its round trips on a pool thread. The
            // thread pool adds threads slowly (about one a second) once its minimum is busy: at 64 concurrent
            // requests that showed as answers waiting up to 2.8 s (the load generator's max) until enough threads
            // existed. Starting with enough threads removes those stalls (Sipas:Database:MinWorkerThreads).
            ThreadPool.GetMinThreads(out var workers, out var completions);
            ThreadPool.SetMinThreads(Math.Max(workers, options.Database.MinWorkerThreads), completions);
        }
        else
        {
            if (options.Database.Problem(null) is { } problem) throw new ConfigurationProblem(problem);
            services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<SipasOptions>>().Value.ResolvedDatabasePath,
                sp.GetRequiredService<IOptionsMonitor<StorageOptions>>()));
            services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<SqliteDatabase>());
            // Hosted services stop in reverse order: the checkpointer stops after the writer.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new WalCheckpointer(sp.GetRequiredService<SqliteDatabase>(),
                sp.GetRequiredService<ILogger<WalCheckpointer>>())));
        }
        services.AddSingleton<ReadPool>();
        services.AddSingleton<ReferenceCache>();
        services.AddMetrics();
        services.AddSingleton<Telemetry.SipasMetrics>();
        services.AddSingleton(sp => new Migrator(sp.GetRequiredService<IDatabase>(), sp.GetRequiredService<IOptions<SipasOptions>>().Value.ResolvedMigrationsDirectory));
        services.AddOptions<WriteOptions>().Bind(builder.Configuration.GetSection("Sipas:Writes"));
        services.AddSingleton<DatabaseWriter>();
        // Hosted services stop in reverse order: registered first, the writer stops last, after the web
        // server has finished its requests, and commits everything still queued.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<DatabaseWriter>()));
        services.AddSingleton<ServerKeys>();
        services.AddOptions<LimitOptions>().Bind(builder.Configuration.GetSection("Sipas:Limits"));
        services.AddSingleton<AbuseLimits>();
        // Cookie and antiforgery keys live with the data (the data folder, or the shared database), so sessions survive a restart.
        var dataDirectory = options.ResolvedDataDirectory;
        var dataProtection = services.AddDataProtection().SetApplicationName("SipasSurvey");
        if (options.Database.IsPostgreSql)
            services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
                .Configure<IDatabase>((keyManagement, database) => keyManagement.XmlRepository = new DatabaseKeyRing(database));
        else
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        return builder;
    }

    /// <summary>The lock file beside the database, or null (logged) when another service holds it.</summary>
    public static ServiceLock? HoldServiceLock(this IServiceProvider services)
    {
        // Several app servers share a PostgreSQL database by design; the lock guards a SQLite file only.
        if (services.GetRequiredService<IDatabase>() is not SqliteDatabase) return ServiceLock.NotNeeded;
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
        logger.LogInformation("Database: {Engine} at {Database}", services.GetRequiredService<IDatabase>().Engine, services.GetRequiredService<IDatabase>().Describe());
        var report = services.GetRequiredService<Migrator>().Apply();
        foreach (var name in report.Applied) logger.LogInformation("Applied migration {Migration}", name);
        if (report.Applied.Count == 0) logger.LogInformation("Database schema is current ({Count} migrations)", report.AlreadyApplied);
    }

    /// <summary>Why the service must not start (no public address outside demo mode), logged; null when it may.</summary>
    public static string? StartupProblem(this IServiceProvider services, bool demo)
    {
        var problem = services.GetRequiredService<IOptions<SipasOptions>>().Value.PublicBaseUrlProblem(demo);
        if (problem is not null) services.GetRequiredService<ILoggerFactory>().CreateLogger("SipasSurvey.Startup").LogCritical("{Problem}", problem);
        return problem;
    }
}
