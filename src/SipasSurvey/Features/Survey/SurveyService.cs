using Dapper;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Survey;

public sealed record LoadedSurvey(SlipView Slip, StoredVersion Version, SlipState State);

/// <summary>What the citizen form and the kiosk/app API share: finding the slip, checking, submitting.</summary>
public sealed class SurveyService(IDatabase database, ReadPool reads, QuestionnaireCatalog catalog, DatabaseWriter writer, NetworkSignals networks, AbuseLimits limits,
    Microsoft.Extensions.Options.IOptions<IntegrityRules> rules, Reports.ReportCache reportCache, Alerts.AlertDispatcher alerts, TimeProvider clock)
{
    private volatile IReadOnlyList<string>? _fields;
    private long _fieldsLoadedAt;

    public LoadedSurvey? Load(string? token)
    {
        var slip = SlipLookup.ByToken(reads, token);
        if (slip is null) return null;
        var version = catalog.Get(slip.QuestionnaireVersionId)!;
        return new LoadedSurvey(slip, version, slip.StateAt(clock.GetUtcNow()));
    }

    /// <summary>Active procedure field names, re-read at most once a minute.</summary>
    public IReadOnlyList<string> Fields()
    {
        var now = Environment.TickCount64;
        if (_fields is { } cached && now - Interlocked.Read(ref _fieldsLoadedAt) < 60_000) return cached;
        using var connection = database.Open();
        var fields = connection.Query<string>("SELECT name FROM procedure_fields WHERE active = 1 ORDER BY name").ToList();
        _fields = fields;
        Interlocked.Exchange(ref _fieldsLoadedAt, now);
        return fields;
    }

    public SurveyContext Context(LoadedSurvey survey) => new(survey.Slip.CounterId, survey.Slip.CommuneName, survey.Slip.CounterName,
        survey.Version.Definition, survey.Version.VersionId, survey.Slip.Field, survey.Slip.Channel == "poster", Fields());

    public (ValidResponse? Response, Dictionary<string, string> Errors) Validate(QuestionnaireDefinition definition, ResponseInput input, Language language) =>
        ResponseValidator.Validate(definition, input, language, Fields());

    /// <summary>
    /// Per slip and per device (address + browser), not per network: a whole office behind one
    /// address answering their own slips is normal, one phone answering dozens is not.
    /// </summary>
    public bool WithinLimits(HttpContext http, string token, out TimeSpan retryAfter) =>
        limits.TryAcquire(out retryAfter, (Limit.SubmitToken, token), (Limit.SubmitDevice, AbuseLimits.Key(networks.DeviceHash(http))));

    /// <summary>Completes once the response is committed to disk (or found to be a repeat).</summary>
    public async Task<SubmitOutcome> SubmitAsync(SlipView slip, QuestionnaireDefinition definition, ValidResponse response, string source, string? idempotencyKey, HttpContext http)
    {
        // Stored to the millisecond: a replayed result then shows exactly the original time.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var submission = new Submission(slip.Id, response, source, idempotencyKey,
            networks.NetworkHash(http), networks.DeviceHash(http), NetworkSignals.UserAgentFamily(http.Request.Headers.UserAgent.ToString()), now, rules.Value,
            alerts.RuleFor(definition));
        var outcome = await writer.RunAsync(c => Data.Submit(c, submission));
        if (outcome.Status == SubmitStatus.Stored) reportCache.Changed(slip.CommuneCode);
        if (outcome.AlertQueued) alerts.Wake();
        return outcome;
    }

    /// <summary>Records when the form was first opened; skipped, not queued, when the service is busy.</summary>
    public void MarkOpened(SlipView slip)
    {
        if (slip.OpenedAt is not null) return;
        var now = clock.GetUtcNow();
        var id = slip.Id;
        writer.TryRunInBackground(c => c.Execute("UPDATE slips SET opened_at = @now WHERE id = @id AND opened_at IS NULL", new { now, id }));
    }

    public DateTimeOffset Now => clock.GetUtcNow();
}
