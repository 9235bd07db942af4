using System.Text;
using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Units.Import;

/// <summary>The import-units verb.</summary>
internal static class Command
{
    public static int Run(IServiceProvider services, FileInfo file, DateOnly defaultValidFrom, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"{file.FullName}: file not found");
            return 2;
        }
        var database = services.GetRequiredService<IDatabase>();
        using var reader = new StreamReader(file.FullName, Encoding.UTF8);
        var (parsed, problems) = UnitCsv.Parse(reader, file.Name, Data.ProvinceCodes(database), defaultValidFrom);
        if (parsed is null)
        {
            foreach (var problem in problems) error.WriteLine(problem);
            error.WriteLine($"Nothing was imported: {problems.Count} problem(s).");
            return 2;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var summary = Data.Write(database, parsed, file.Name, AuditEntry.ByOperator("unit.import", null, null, now)).Summary!;
        output.WriteLine(
            $"Imported {file.Name}: {summary.ProvincesAdded} provinces added, {summary.ProvincesRenamed} renamed; " +
            $"{summary.CommunesAdded} communes added, {summary.CommunesChanged} changed, {summary.CommunesUnchanged} unchanged.");
        return 0;
    }
}
