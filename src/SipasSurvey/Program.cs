using SipasSurvey.Features;
using SipasSurvey.Features.Demo;
using SipasSurvey.Start;

// Configure the command-line verbs (migrate, import-units, create-admin, backup, …): run one and exit.
if (CommandLine.IsVerb(args)) return await CommandLine.RunAsync(args);

var (webArgs, demo) = CommandLine.SplitDemoFlag(args);
var builder = WebApplication.CreateBuilder(webArgs);

try
{
    // Configure the I/O: options, the database, migrations, the writer, keys, limits.
    builder.AddSipasInfrastructure();

    // Configure the web layer: trusted proxies, metrics, FastEndpoints, problem details, OpenAPI, antiforgery, Kestrel limits.
    builder.AddSipasWeb();
}
catch (SipasSurvey.Infrastructure.ConfigurationProblem problem)
{
    Console.Error.WriteLine(problem.Message);
    return 1;
}

// Configure the use cases: sign-in and API keys, slips, submissions, reports, alerts, retention.
builder.Services.AddSipasFeatures(builder.Configuration);

var app = builder.Build();

// Configure the service lock and the public address: one service per database file, slip links
// from Sipas:PublicBaseUrl (never from a request's Host header outside demo mode).
using var serviceLock = app.Services.HoldServiceLock();
if (serviceLock is null || app.Services.StartupProblem(demo) is not null)
{
    await app.DisposeAsync(); // flushes the console logger, so the operator sees why
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
