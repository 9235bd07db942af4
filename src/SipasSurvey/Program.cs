using SipasSurvey.Features;
using SipasSurvey.Features.Demo;
using SipasSurvey.Infrastructure.Cli;
using SipasSurvey.Infrastructure.Hosting;

// Configure the command-line verbs (migrate, import-units, create-admin, backup, …): run one and exit.
if (CommandLine.IsVerb(args)) return await CommandLine.RunAsync(args);

var (webArgs, demo) = CommandLine.SplitDemoFlag(args);
var builder = WebApplication.CreateBuilder(webArgs);

// Configure storage: SQLite file, migrations, questionnaire cache.
builder.AddSipasStorage();

// Configure the web layer: FastEndpoints, problem details, OpenAPI, logging.
builder.AddSipasWeb();

// Configure security: cookie sign-in for people, API keys for machines, policies, antiforgery.
builder.AddSipasSecurity();

// Configure the services feature slices share: slip issuing, links, submissions, reports.
builder.Services.AddSipasFeatures(builder.Configuration);

var app = builder.Build();

// Configure the service lock: one service per database file; a restore waits until it is stopped.
using var serviceLock = app.Services.HoldServiceLock();
if (serviceLock is null)
{
    await app.DisposeAsync(); // flushes the console logger, so the operator sees why
    return 1;
}

// Configure the public address: slip links come from Sipas:PublicBaseUrl, never from a request's Host header.
if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SipasSurvey.Infrastructure.SipasOptions>>().Value.PublicBaseUrlProblem(demo) is { } problem)
{
    app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SipasSurvey.Startup").LogCritical("{Problem}", problem);
    await app.DisposeAsync();
    return 1;
}

// Configure the schema: apply migrations before the first request; refuse to start on tampering.
app.Services.MigrateDatabase();

// Configure the request pipeline.
app.UseSipasWeb();

// Configure demo mode: only ever on request (--demo), never by default.
var demoState = demo ? DemoData.Load(app.Services) : null;

await app.StartAsync();
if (demoState is not null) DemoWelcome.Announce(app.Services, demoState);
await app.WaitForShutdownAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
