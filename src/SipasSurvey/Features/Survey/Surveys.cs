using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Features.Slips;

namespace SipasSurvey.Features.Survey;

/// <summary>A slip with its questionnaire version and its state now.</summary>
internal sealed record LoadedSurvey(SlipView Slip, StoredVersion Version, SlipState State);

/// <summary>Finding the survey behind a token: what the form page and the submission share.</summary>
internal sealed class Surveys(ReadPool reads, QuestionnaireCatalog catalog, Units.ProcedureFields fields, TimeProvider clock)
{
    public LoadedSurvey? Load(string? token)
    {
        var slip = SlipLookup.ByToken(reads, token);
        if (slip is null) return null;
        var version = catalog.Get(slip.QuestionnaireVersionId)!;
        return new LoadedSurvey(slip, version, slip.StateAt(clock.GetUtcNow()));
    }

    public IReadOnlyList<string> Fields() => fields.Active();

    public SurveyContext Context(LoadedSurvey survey) => new(survey.Slip.CounterId, survey.Slip.CommuneName, survey.Slip.CounterName,
        survey.Version.Definition, survey.Version.VersionId, survey.Slip.Field, survey.Slip.Channel == "poster", Fields());

    public DateTimeOffset Now => clock.GetUtcNow();
}
