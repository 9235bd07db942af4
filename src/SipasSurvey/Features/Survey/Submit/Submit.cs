using Microsoft.Extensions.Options;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Slips;
using SipasSurvey.Infrastructure.Limits;
using SipasSurvey.Infrastructure.Telemetry;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Survey.Submit;

/// <summary>A citizen's answers for a slip, as either endpoint parsed them.</summary>
internal sealed record SubmitCommand(string? Token, ResponseInput Input, Language Language, string Source, string? IdempotencyKey, Web.ClientSignals Signals)
{
    /// <summary>Set for an answer given on the counter's kiosk: the slip was issued as usual, the answer is channel "kiosk".</summary>
    public bool AtKiosk { get; init; }
}

/// <summary>Every way a submission can end; the form and the JSON endpoint each render these and nothing else.</summary>
internal abstract record SubmitOutcome
{
    /// <summary>Stored now (durable), or the same client's retry of what it stored before (<see cref="Replayed"/>).</summary>
    public sealed record Accepted(LoadedSurvey Survey, long ResponseId, DateTimeOffset SubmittedAt, bool Replayed) : SubmitOutcome;

    /// <summary>The slip has its response, and this is not the same client's retry of it.</summary>
    public sealed record AlreadyAnswered(LoadedSurvey Survey) : SubmitOutcome;

    /// <summary>No slip has this token (<see cref="Survey"/> null), or it was revoked or has expired.</summary>
    public sealed record SlipUnavailable(LoadedSurvey? Survey) : SubmitOutcome
    {
        public SlipState? State => Survey?.State;
    }

    /// <summary>The answers do not fit the questionnaire: messages by field (a missing token has no survey).</summary>
    public sealed record Invalid(LoadedSurvey? Survey, IReadOnlyDictionary<string, string> Errors) : SubmitOutcome;

    /// <summary>This slip or this device is sending too fast.</summary>
    public sealed record TooManyRequests(TimeSpan RetryAfter) : SubmitOutcome;

    /// <summary>The service cannot store it now (queue full, storage failing): nothing was saved; retry.</summary>
    public sealed record Overloaded(LoadedSurvey Survey, TimeSpan RetryAfter) : SubmitOutcome;
}

/// <summary>
/// The one submission use case. Everything that needs reading (slip, questionnaire, an earlier
/// answer, integrity signals) is read before the write is queued; the writer then only inserts the
/// response (one per slip: UNIQUE + ON CONFLICT) and records the fact that aggregates, alerts and the
/// report cache act on in the same transaction or after it. Acknowledged only once durable.
/// </summary>
internal sealed class Submit(Surveys surveys, ReadPool reads, DatabaseWriter writer, AbuseLimits limits, IOptions<IntegrityRules> rules, TimeProvider clock,
    SipasMetrics metrics, IDatabase database)
{
    public async Task<SubmitOutcome> HandleAsync(SubmitCommand command)
    {
        var outcome = await DecideAsync(command);
        // Once per answer, after its commit for a stored one (the writer acknowledges only then).
        metrics.Answer(outcome switch
        {
            SubmitOutcome.Accepted { Replayed: false } => SipasMetrics.Outcome.Stored,
            SubmitOutcome.Accepted => SipasMetrics.Outcome.Replayed,
            SubmitOutcome.AlreadyAnswered => SipasMetrics.Outcome.Conflict,
            SubmitOutcome.Invalid => SipasMetrics.Outcome.Invalid,
            _ => SipasMetrics.Outcome.Refused,
        });
        return outcome;
    }

    private async Task<SubmitOutcome> DecideAsync(SubmitCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.Token))
            return new SubmitOutcome.Invalid(null, new Dictionary<string, string> { ["token"] = "token is required." });
        // Per slip and per device (address + browser), not per network: a whole office behind one
        // address answering their own slips is normal, one phone answering dozens is not. The kiosk is one
        // shared device answering every citizen of its counter: only the per-slip limit applies to it.
        var limited = command.AtKiosk
            ? !limits.TryAcquire(out var retryAfter, (Limit.SubmitToken, command.Token))
            : !limits.TryAcquire(out retryAfter, (Limit.SubmitToken, command.Token), (Limit.SubmitDevice, AbuseLimits.Key(command.Signals.DeviceHash)));
        if (limited) return new SubmitOutcome.TooManyRequests(retryAfter);
        // Stored to the millisecond: a replayed result then shows exactly the original time.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        // On a shared engine the device's recent answers (an integrity signal) come with the slip, in the same
        // round trip. SQLite has no round trip to save, and there the one statement was slower than two (measured).
        LoadedSurvey? survey;
        long? deviceAnswers = null;
        if (database.Shared && !command.AtKiosk && command.Signals.DeviceHash is { } device)
            (survey, deviceAnswers) = surveys.LoadWith(command.Token, Data.DeviceAnswersSinceSql,
                Data.DeviceAnswersSinceParameters(device, Integrity.DeviceWindowStart(now), rules.Value.DevicePerDay));
        else survey = surveys.Load(command.Token);
        if (survey is null || survey.State is SlipState.Revoked or SlipState.Expired) return new SubmitOutcome.SlipUnavailable(survey);

        var (response, errors) = ResponseValidator.Validate(survey.Version.Definition, command.Input, command.Language, surveys.Fields());
        if (response is null)
            return survey.State == SlipState.Answered ? new SubmitOutcome.AlreadyAnswered(survey) : new SubmitOutcome.Invalid(survey, errors);
        if (survey.State == SlipState.Answered)
            return Earlier(survey, reads.Run(c => Data.Existing(c, survey.Slip.Id)), response, command.IdempotencyKey);

        var channel = command.AtKiosk ? Channels.Kiosk : survey.Slip.Channel;
        var flags = reads.Run(c => Integrity.Compute(c, survey.Slip, channel, response.Answers, command.Signals, now, rules.Value, deviceAnswers));
        var row = new ResponseRow(survey.Slip, channel, response, command.Source, command.IdempotencyKey, command.Signals, now, VietnamTime.DayKey(now),
            survey.Slip.Field ?? response.Field, flags);
        StoreResult stored;
        try
        {
            stored = await writer.RunBatchedAsync(ResponseStore.Instance, row);
        }
        catch (ServiceUnavailableException busy)
        {
            return new SubmitOutcome.Overloaded(survey, busy.RetryAfter);
        }
        return stored switch
        {
            StoreResult.Stored(var id) => new SubmitOutcome.Accepted(survey, id, now, Replayed: false),
            StoreResult.Revoked => new SubmitOutcome.SlipUnavailable(survey with { State = SlipState.Revoked }),
            StoreResult.AnsweredMeanwhile(var earlier) => Earlier(survey with { State = SlipState.Answered }, earlier, response, command.IdempotencyKey),
            _ => throw new InvalidOperationException("unreachable"),
        };
    }

    /// <summary>
    /// A slip that already has its response. Only the client that stored it, retrying with its own
    /// Idempotency-Key and the same answers, gets the original result back; anyone else (a second
    /// phone, or staff who kept the token) learns no more than "already answered", whatever answers
    /// they send, so guessing how the citizen answered is impossible.
    /// </summary>
    private static SubmitOutcome Earlier(LoadedSurvey survey, EarlierResponse? earlier, ValidResponse response, string? key) =>
        earlier is { Key: not null } found && found.Key == key && found.BodyHash.AsSpan().SequenceEqual(response.BodyHash())
            ? new SubmitOutcome.Accepted(survey, found.Id, found.SubmittedAt, Replayed: true)
            : new SubmitOutcome.AlreadyAnswered(survey);
}
