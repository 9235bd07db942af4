using System.Text;
using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Features.Questionnaires.Import;

/// <summary>The import-questionnaire verb.</summary>
internal static class Command
{
    public static int Run(IServiceProvider services, FileInfo file, bool publish, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"{file.FullName}: file not found");
            return 2;
        }
        var parsed = QuestionnaireParser.Parse(File.ReadAllText(file.FullName, Encoding.UTF8), file.Name);
        if (!parsed.Succeeded)
        {
            foreach (var problem in parsed.Problems) error.WriteLine(problem);
            error.WriteLine($"Nothing was imported: {parsed.Problems.Count} problem(s).");
            return 2;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = Data.Write(services.GetRequiredService<IDatabase>(), parsed.Definition!, publish, file.Name, now,
            Admin.Audit.AuditEntry.ByOperator("questionnaire.import", null, null, now));
        if (result.Outcome is null)
        {
            foreach (var problem in result.Problems) error.WriteLine(problem);
            return 2;
        }
        output.WriteLine($"{parsed.Definition!.Key}: {result.Outcome.ToString()!.ToLowerInvariant()} (version id {result.VersionId}).");
        return 0;
    }
}
