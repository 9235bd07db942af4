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
        return slip is null ? null : Loaded(slip);
    }

    /// <summary>The survey behind a token and one more value read with it (see <see cref="SlipLookup.ByTokenWith"/>).</summary>
    public (LoadedSurvey? Survey, long Also) LoadWith(string? token, string alsoSql, (string Name, object? Value)[] alsoParameters)
    {
        var (slip, also) = SlipLookup.ByTokenWith(reads, token, alsoSql, alsoParameters);
        return (slip is null ? null : Loaded(slip), also);
    }

    private LoadedSurvey Loaded(SlipView slip) => new(slip, catalog.Get(slip.QuestionnaireVersionId)!, slip.StateAt(clock.GetUtcNow()));

    public IReadOnlyList<string> Fields() => fields.Active();

    public SurveyContext Context(LoadedSurvey survey) => new(survey.Slip.CounterId, survey.Slip.CommuneName, survey.Slip.CounterName,
        survey.Version.Definition, survey.Version.VersionId, survey.Slip.Field, survey.Slip.Channel == "poster", Fields());

    public DateTimeOffset Now => clock.GetUtcNow();
}
