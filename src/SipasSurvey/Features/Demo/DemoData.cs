using System.Text;
using Microsoft.Extensions.Options;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Units.Import;

namespace SipasSurvey.Features.Demo;

/// <summary>
/// Demo mode (--demo): Hà Nội's 126 units, both sample questionnaires, counters in sixteen communes.
/// Loaded through the same import code as the CLI, once; later starts only refresh credentials.
/// </summary>
internal static class DemoData
{
    /// <summary>Phường Hoàn Kiếm: the commune whose counter the demo credentials point at.</summary>
    public const string DemoCommuneCode = "00070";

    private static readonly string[] DemoCommunes =
    [
        "00070", "09568", "09832", "00004", "00008", "00025", "00082", "00091",
        "00097", "00103", "00118", "00127", "00136", "00145", "00160", "00166",
    ];

    public static DemoState Load(IServiceProvider services, bool refreshCredentials = true, bool generateResponses = true)
    {
        var database = services.GetRequiredService<IDatabase>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");

        ImportUnits(database, Path.Combine(samples, "units", "provinces-2025.csv"), now);
        ImportUnits(database, Path.Combine(samples, "units", "hanoi-communes-2025.csv"), now);
        var sipas = ImportQuestionnaire(database, Path.Combine(samples, "questionnaires", "sipas-2023.json"), now);
        var mau02 = ImportQuestionnaire(database, Path.Combine(samples, "questionnaires", "hn-mau-02.json"), now);

        // Phường Phú Lương uses Hà Nội's ward form (Mẫu số 02); every other demo commune the SIPAS form.
        var counterId = Data.EnsureCounters(database,
            DemoCommunes.Select((code, index) => (code, index < 3 ? 2 : 1, code == "09568" ? mau02 : sipas)).ToList(), DemoCommuneCode, now);
        var state = new DemoState { CommuneCode = DemoCommuneCode, CounterId = counterId };
        if (refreshCredentials) DemoAccounts.Refresh(database, state, now);
        if (generateResponses)
        {
            var written = DemoResponses.Generate(database, services.GetRequiredService<Infrastructure.Writes.DatabaseWriter>(), services.GetRequiredService<Questionnaires.QuestionnaireCatalog>(),
                services.GetRequiredService<Infrastructure.Security.ServerKeys>(), now);
            if (written > 0) state.WelcomeLines.Insert(0, $"Demo data:   {written} responses over the last two quarters in {DemoCommunes.Length} communes");
        }
        return state;
    }

    private static void ImportUnits(IDatabase database, string path, DateTimeOffset now)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var (file, problems) = UnitCsv.Parse(reader, Path.GetFileName(path), Units.Import.Data.ProvinceCodes(database), UnitCsv.TwoTierReformDate);
        if (file is null) throw new InvalidOperationException("Demo unit list is invalid: " + string.Join("; ", problems));
        Units.Import.Data.Write(database, file, Path.GetFileName(path), Admin.Audit.AuditEntry.ByOperator("demo.units", null, null, now));
    }

    private static long ImportQuestionnaire(IDatabase database, string path, DateTimeOffset now)
    {
        var parsed = QuestionnaireParser.Parse(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path));
        if (!parsed.Succeeded) throw new InvalidOperationException("Demo questionnaire is invalid: " + string.Join("; ", parsed.Problems));
        var result = Questionnaires.Import.Data.Write(database, parsed.Definition!, publish: true, Path.GetFileName(path), now);
        return result.VersionId;
    }
}

/// <summary>What demo mode prepared, and the credentials it hands out (fresh on every start).</summary>
internal sealed class DemoState
{
    public required string CommuneCode { get; init; }
    public required long CounterId { get; init; }

    /// <summary>Extra demo-credentials.json keys (API keys, sign-ins), added by the features that own them.</summary>
    public Dictionary<string, object?> Credentials { get; } = [];

    /// <summary>Demo passwords by username (also in <see cref="Credentials"/>).</summary>
    public Dictionary<string, string> Passwords { get; } = [];

    /// <summary>Extra lines for the terminal, as "Label: value".</summary>
    public List<string> WelcomeLines { get; } = [];
}
