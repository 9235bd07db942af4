using SipasSurvey.Domain;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Admin.Audit;
using ImportData = SipasSurvey.Features.Questionnaires.Import.Data;
using ImportOutcome = SipasSurvey.Features.Questionnaires.Import.ImportOutcome;

namespace SipasSurvey.Features.Admin.Questionnaires.Import;

internal sealed class ImportResponse
{
    public required long VersionId { get; init; }
    public required string Key { get; init; }

    /// <summary>added, replaced, published or unchanged.</summary>
    public required string Outcome { get; init; }
}

/// <summary>
/// A province's own questionnaire version, from a JSON body or an uploaded file: every problem comes
/// back with its JSON path, and nothing is written unless the whole file is right.
/// </summary>
internal sealed class Import(IDatabase database, TimeProvider clock)
{
    public AdminOutcome<ImportResponse> Handle(Caller caller, HttpContext http, string json, string fileName, bool publish)
    {
        var parsed = QuestionnaireParser.Parse(json, fileName);
        if (!parsed.Succeeded) return new AdminOutcome<ImportResponse>.Invalid(Errors(parsed.Problems));
        var now = clock.GetUtcNow();
        var result = ImportData.Write(database, parsed.Definition!, publish, fileName, now,
            AuditEntry.By(caller, http, "questionnaire.import", null, null, now), ownerProvince: caller.ProvinceCode);
        if (result.Outcome is not { } outcome) return new AdminOutcome<ImportResponse>.Conflict(Errors(result.Problems));
        return new AdminOutcome<ImportResponse>.Done(new ImportResponse
        {
            VersionId = result.VersionId, Key = parsed.Definition!.Key, Outcome = outcome.ToString().ToLowerInvariant(),
        });
    }

    /// <summary>Problems keyed by their JSON path; two at one path keep both messages.</summary>
    public static FieldErrors Errors(IReadOnlyList<ImportProblem> problems)
    {
        var errors = new FieldErrors();
        foreach (var problem in problems)
            errors[problem.Location] = errors.TryGetValue(problem.Location, out var earlier) ? earlier + "; " + problem.Message : problem.Message;
        return errors;
    }

    public static string Describe(ImportResponse done) => $"{done.Key}: {Enum.Parse<ImportOutcome>(done.Outcome, ignoreCase: true)}";
}
