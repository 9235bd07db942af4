using System.Text;
using SipasSurvey.Domain;
using SipasSurvey.Features.Units.Import;
using SipasSurvey.Features.Admin.Audit;
using UnitData = SipasSurvey.Features.Units.Import.Data;

namespace SipasSurvey.Features.Admin.Units.Import;

internal sealed record UnitImportOutcome(UnitImportSummary? Summary, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// An administrator's unit import: the same checks as the CLI verb, plus every row must be a
/// commune of the administrator's own province. The national province list is an operator job (CLI).
/// </summary>
internal static class Import
{
    /// <summary>The import as an administrative action: a summary, or the problems line by line.</summary>
    public static AdminOutcome<UnitImportSummary> Handle(IDatabase database, Web.Identity.Caller caller, HttpContext http, string csv, string fileName, DateOnly validFrom, DateTimeOffset now)
    {
        var outcome = Run(database, caller.ProvinceCode, csv, fileName, validFrom, AuditEntry.By(caller, http, "units.import", $"province:{caller.ProvinceCode}", null, now));
        if (outcome.Summary is { } summary) return new AdminOutcome<UnitImportSummary>.Done(summary);
        var errors = new Web.FieldErrors();
        foreach (var problem in outcome.Problems)
            errors[problem.Location] = errors.TryGetValue(problem.Location, out var earlier) ? earlier + "; " + problem.Message : problem.Message;
        return new AdminOutcome<UnitImportSummary>.Invalid(errors);
    }

    /// <param name="actor">The administrator, as the audit log names them (action and target are filled in per entry).</param>
    public static UnitImportOutcome Run(IDatabase database, string provinceCode, string csv, string fileName, DateOnly validFrom, AuditEntry actor)
    {
        var (file, problems) = UnitCsv.Parse(new StringReader(csv), fileName, UnitData.ProvinceCodes(database), validFrom);
        if (file is null) return new(null, problems);
        if (file.Provinces.Count > 0)
            return new(null, [new ImportProblem(fileName, "line 1", "the province list is national reference data: an operator imports it with the import-units command")]);
        var written = UnitData.Write(database, file, fileName, actor, onlyProvince: provinceCode);
        if (written.Summary is not { } summary) return new(null, written.Problems);
        using (var connection = database.Open())
            AuditLog.Write(connection, null, actor with { Action = "units.import", Target = $"province:{provinceCode}", ProvinceCode = provinceCode, Details = summary });
        return new(summary, []);
    }

    public static async Task<string> ReadUtf8Async(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(ct);
    }
}
