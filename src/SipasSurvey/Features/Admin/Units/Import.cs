using System.Text;
using SipasSurvey.Domain;
using SipasSurvey.Features.Units.Import;
using SipasSurvey.Infrastructure.Audit;
using SipasSurvey.Infrastructure.Database;
using UnitData = SipasSurvey.Features.Units.Import.Data;

namespace SipasSurvey.Features.Admin.Units;

public sealed record UnitImportOutcome(UnitImportSummary? Summary, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// An administrator's unit import: the same checks as the CLI verb, plus every row must be a
/// commune of the administrator's own province. The national province list is an operator job (CLI).
/// </summary>
public static class Import
{
    public static UnitImportOutcome Run(IDatabase database, string provinceCode, string csv, string fileName, DateOnly validFrom, Func<UnitImportSummary, AuditEntry> audit)
    {
        var (file, problems) = UnitCsv.Parse(new StringReader(csv), fileName, UnitData.ProvinceCodes(database), validFrom);
        if (file is null) return new(null, problems);
        var scopeProblems = new List<ImportProblem>();
        if (file.Provinces.Count > 0)
            scopeProblems.Add(new ImportProblem(fileName, "line 1", "the province list is national reference data: an operator imports it with the import-units command"));
        scopeProblems.AddRange(file.Communes.Where(c => c.ProvinceCode != provinceCode)
            .Select(c => new ImportProblem(fileName, $"line {c.Line}", $"commune {c.Code} belongs to province {c.ProvinceCode}, not yours ({provinceCode})")));
        if (scopeProblems.Count > 0) return new(null, scopeProblems);
        var summary = UnitData.Write(database, file);
        using (var connection = database.Open()) AuditLog.Write(connection, null, audit(summary));
        return new(summary, []);
    }

    public static async Task<string> ReadUtf8Async(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }
}
