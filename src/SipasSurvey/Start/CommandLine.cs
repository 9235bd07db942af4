using System.CommandLine;
using ParseResult = System.CommandLine.ParseResult;

namespace SipasSurvey.Start;

/// <summary>
/// Operator verbs. Each builds the same storage services as the web host (same configuration,
/// same database file), runs migrations, does one job and exits: 0 done, 2 refused input, 1 failure.
/// </summary>
internal static class CommandLine
{
    private static readonly List<Command> Commands = [];

    private static IReadOnlyList<Command> All()
    {
        if (Commands.Count > 0) return Commands;
        Commands.Add(Verb("migrate", "Apply pending migrations to the database and exit.", (_, services) =>
        {
            var report = services.GetRequiredService<Migrator>().Apply();
            foreach (var name in report.Applied) Console.WriteLine($"applied {name}");
            Console.WriteLine(report.Applied.Count == 0
                ? $"Schema is current: {report.AlreadyApplied} migrations applied."
                : $"Applied {report.Applied.Count} migration(s).");
            return 0;
        }, migrateFirst: false));

        var unitFile = new Argument<FileInfo>("file") { Description = "CSV: provinces (ma_tinh,ten) or communes (ma_xa,ten,loai,ma_tinh[,hieu_luc_tu,hieu_luc_den])" };
        var validFrom = new Option<string>("--valid-from") { Description = "Validity start for rows without hieu_luc_tu (YYYY-MM-DD)", DefaultValueFactory = _ => "2025-07-01" };
        Commands.Add(Verb("import-units", "Import a province or commune list; nothing is written if any line is wrong.", (parse, services) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(validFrom), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                Console.Error.WriteLine("--valid-from must be a date written YYYY-MM-DD.");
                return 2;
            }
            return Features.Units.Import.Command.Run(services, parse.GetValue(unitFile)!, from, Console.Out, Console.Error);
        }, unitFile, validFrom));

        var questionnaireFile = new Argument<FileInfo>("file") { Description = "Questionnaire definition (JSON)" };
        var publish = new Option<bool>("--publish") { Description = "Publish the version so counters can hand it out" };
        Commands.Add(Verb("import-questionnaire", "Import a questionnaire version; a published, answered version never changes.", (parse, services) =>
            Features.Questionnaires.Import.Command.Run(services, parse.GetValue(questionnaireFile)!, parse.GetValue(publish), Console.Out, Console.Error),
            questionnaireFile, publish));

        var username = new Option<string>("--username") { Required = true, Description = "Sign-in name (3–64 characters, no spaces)" };
        var province = new Option<string>("--province") { Required = true, Description = "2-digit province code, e.g. 01 for Hà Nội" };
        var displayName = new Option<string?>("--name") { Description = "Name shown on pages" };
        Commands.Add(Verb("create-admin", "Create a province administrator. The password is read from standard input; there is no default.", (parse, services) =>
            Features.Accounts.CreateAdmin.Command.Run(services, parse.GetValue(username)!, parse.GetValue(province)!, parse.GetValue(displayName),
                Console.In, Console.Out, Console.Error),
            username, province, displayName));

        Commands.Add(Verb("verify", "Check the database file and recompute every aggregate from the raw rows; exit 1 on any difference.", (_, services) =>
            Features.Operations.Verify.Command.Run(services, Console.Out, Console.Error), migrateFirst: false));

        var backupFile = new Argument<FileInfo>("file") { Description = "Where to write the backup (a new file)" };
        Commands.Add(Verb("backup", "Write a consistent copy of the database while the service keeps running.", (parse, services) =>
            Features.Operations.Backup.BackupCommand.Run(services.GetRequiredService<IDatabase>(), parse.GetValue(backupFile)!, Console.Out, Console.Error),
            migrateFirst: false, backupFile));

        var restoreFile = new Argument<FileInfo>("file") { Description = "A backup written by the backup verb" };
        Commands.Add(Verb("restore", "Replace the database with a checked backup (service stopped); the replaced file is kept beside it.", (parse, services) =>
            Features.Operations.Backup.RestoreCommand.Run(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SipasOptions>>().Value,
                parse.GetValue(restoreFile)!, TimeProvider.System, Console.Out, Console.Error),
            migrateFirst: false, restoreFile));

        var copyTarget = new Option<string?>("--to") { Description = "PostgreSQL connection string (default: ConnectionStrings__Sipas from the environment, which keeps the password off the command line)" };
        Commands.Add(Verb("copy-to-postgresql", "Copy this SQLite database into an empty PostgreSQL database, then verify the copy.", (parse, services) =>
            Features.Operations.CopyToPostgres.Command.Run(services, parse.GetValue(copyTarget) ?? services.GetRequiredService<IConfiguration>().GetConnectionString("Sipas"),
                Console.Out, Console.Error),
            copyTarget));

        return Commands;
    }

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" or "-?" or "help" || All().Any(c => c.Name == args[0]));

    /// <summary>"--demo" is ours, not a configuration key; everything else goes to the web host.</summary>
    public static (string[] Args, bool Demo) SplitDemoFlag(string[] args) =>
        (args.Where(a => a != "--demo").ToArray(), args.Contains("--demo"));

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("SipasSurvey operator commands. Run without a verb to start the web service (add --demo for demo data).");
        foreach (var command in All()) root.Subcommands.Add(command);
        return await root.Parse(args is ["help"] ? ["--help"] : args).InvokeAsync();
    }

    private static Command Verb(string name, string description, Func<ParseResult, IServiceProvider, int> action, params Symbol[] symbols) =>
        Verb(name, description, action, migrateFirst: true, symbols);

    private static Command Verb(string name, string description, Func<ParseResult, IServiceProvider, int> action, bool migrateFirst, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else if (symbol is Option option) command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            try
            {
                using var host = BuildHost();
                if (migrateFirst) host.Services.GetRequiredService<Migrator>().Apply();
                return action(parse, host.Services);
            }
            catch (Exception e) when (e is MigrationException or ConfigurationProblem)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSipasInfrastructure();
        return builder.Build();
    }
}
