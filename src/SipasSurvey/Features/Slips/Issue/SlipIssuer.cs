using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Infrastructure;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Infrastructure.Writes;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Issue;

public sealed record IssueInput(long? CounterId, int? Count, string? ProcedureCode, string? Field, string? DossierCode, long? StaffId);

public sealed record NewSlip(long Id, string Token, string Code, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>The outcome: slips, or why not. NotFound is used for counters outside the caller's scope.</summary>
public sealed record IssueResult(IReadOnlyList<NewSlip> Slips, FieldErrors Errors, bool NotFound);

/// <summary>
/// Issues slips for the counter page and the one-stop software alike: checks everything first,
/// then writes the whole batch and the day's issued counts in one transaction (all or nothing).
/// </summary>
public sealed partial class SlipIssuer(IDatabase database, DatabaseWriter writer, AccessScope scope, ServerKeys keys, Units.ProcedureFields fields, TimeProvider clock, IOptions<SipasOptions> options)
{
    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex ProcedureCodePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-_/]{2,49}$")]
    private static partial Regex DossierCodePattern();

    public async Task<IssueResult> IssueAsync(Caller caller, IssueInput input, byte[]? issueNetwork, string channel = "slip")
    {
        var errors = new FieldErrors();
        var slipOptions = options.Value.Slips;
        if (input.CounterId is not { } counterId)
        {
            errors["counterId"] = "counterId is required.";
            return new([], errors, false);
        }
        var counter = channel == "poster" ? scope.FindCounter(counterId) : scope.CounterFor(caller, counterId);
        if (counter is null)
        {
            errors["counterId"] = $"Counter {counterId} does not exist or is not assigned to you.";
            return new([], errors, NotFound: true);
        }
        var count = input.Count ?? 1;
        if (count < 1 || count > slipOptions.MaxBatch)
            errors["count"] = $"count must be between 1 and {slipOptions.MaxBatch} (got {count}).";
        if (!counter.Active) errors["counterId"] = $"Counter {counterId} is deactivated.";
        else if (counter.QuestionnaireVersionId is null) errors["counterId"] = $"Counter {counterId} has no questionnaire version assigned.";
        var procedure = input.ProcedureCode?.Trim();
        if (procedure is { Length: > 0 } && !ProcedureCodePattern().IsMatch(procedure))
            errors["procedureCode"] = $"procedureCode '{Shorten(procedure)}' is malformed: expected d.dddddd, e.g. 1.001193.";
        var dossier = input.DossierCode?.Trim();
        if (dossier is { Length: > 0 } && !DossierCodePattern().IsMatch(dossier))
            errors["dossierCode"] = $"dossierCode '{Shorten(dossier)}' is malformed: 3–50 characters of letters, digits and . - _ /, e.g. 000.00.01.H26-260930-0012.";
        var field = input.Field?.Trim().Normalize(NormalizationForm.FormC);
        var staffId = caller.Role == Role.Staff ? caller.Id : input.StaffId;
        if (field is { Length: > 0 })
        {
            if (fields.Find(field) is { } known) field = known;
            else errors["field"] = $"field '{Shorten(field)}' is not a known procedure field.";
        }
        if (input.StaffId is { } requested && caller.Role == Role.Staff && requested != caller.Id)
            errors["staffId"] = "Counter staff issue slips in their own name.";
        else if (staffId is { } staff && !Data.StaffAssigned(database, staff, counterId))
            errors["staffId"] = $"Staff member {staff} is not assigned to counter {counterId}.";
        if (!errors.Ok) return new([], errors, false);

        var now = clock.GetUtcNow();
        var expires = now.AddDays(slipOptions.LifetimeDays);
        var batch = new SlipBatch(counter.CommuneCode, counterId, staffId, procedure is { Length: > 0 } ? procedure : null,
            field is { Length: > 0 } ? field : null, dossier is { Length: > 0 } ? dossier : null, counter.QuestionnaireVersionId!.Value,
            channel, now, expires, Domain.Time.VietnamTime.DayKey(now),
            channel == "poster" || caller.IsMachine ? null : caller.Id, channel == "poster" || !caller.IsMachine ? null : caller.Id, issueNetwork);
        // A collision of the 50-bit code with one of all slips ever issued is possible, if rare: new seeds, try again.
        for (var attempt = 1; ; attempt++)
        {
            var seeds = Enumerable.Range(0, count).Select(_ => SlipSecrets.NewSeed()).ToArray();
            var tokens = seeds.Select(s => SlipSecrets.Token(keys.TokenKey, s)).ToArray();
            var codes = seeds.Select(s => SlipSecrets.Code(keys.TokenKey, s)).ToArray();
            var tokenHashes = tokens.Select(SlipSecrets.Hash).ToArray();
            var codeHashes = codes.Select(c => SlipSecrets.CodeHash(keys.TokenKey, c)).ToArray();
            try
            {
                var ids = await writer.RunAsync(c => Data.Insert(c, batch, seeds, tokenHashes, codeHashes));
                return new(ids.Select((id, i) => new NewSlip(id, tokens[i], codes[i], now, expires)).ToList(), errors, false);
            }
            catch (Exception e) when (database.Classify(e) == DatabaseFailure.UniqueViolation && attempt < 3)
            {
                // UNIQUE(code_hash) or UNIQUE(token_hash): retry with fresh seeds.
            }
        }
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}

public sealed record SlipBatch(
    string CommuneCode, long CounterId, long? StaffId, string? ProcedureCode, string? Field, string? DossierCode,
    long QuestionnaireVersionId, string Channel, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Day,
    long? IssuedByUserId, long? IssuedByKeyId, byte[]? IssueNetwork);
