using Microsoft.Extensions.Options;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Alerts;

/// <summary>
/// A response that rates a component low gets its alert in the outbox inside the response's own
/// transaction: the alert exists exactly when the response does. Once committed, the dispatcher is
/// woken to deliver it now rather than at its next poll.
/// </summary>
internal sealed class OutboxHook(QuestionnaireCatalog catalog, AlertWakeUp wakeUp, IOptions<AlertOptions> options) : IWriteHook
{
    public void BeforeCommit(DbConnection connection, IReadOnlyList<object> facts)
    {
        if (!options.Value.Enabled) return;
        foreach (var fact in facts)
            if (fact is AnswerStored answer && Rule(answer) is { } rule && LowScoreAlert.LowComponents(rule, answer.Answers) is { Count: > 0 } low)
                Data.Enqueue(connection, rule, low, answer);
    }

    public void AfterCommit(IReadOnlyList<object> facts)
    {
        if (!options.Value.Enabled) return;
        foreach (var fact in facts)
            if (fact is AnswerStored answer && Rule(answer) is { } rule && LowScoreAlert.LowComponents(rule, answer.Answers).Count > 0)
            {
                wakeUp.Wake();
                return;
            }
    }

    private AlertRule? Rule(AnswerStored answer) =>
        catalog.Get(answer.QuestionnaireVersionId) is { } version ? new AlertRule(version.Definition, options.Value.LowComponentAtMost) : null;
}
