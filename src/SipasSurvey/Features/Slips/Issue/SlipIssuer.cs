using System.Text;
using Microsoft.Extensions.Options;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Infrastructure.Writes;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Issue;

internal sealed record IssueInput(long CounterId, int? Count, string? ProcedureCode, string? Field, string? DossierCode, long? StaffId);

internal sealed record NewSlip(long Id, string Token, string Code, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>The outcome: slips, or why not. NotFound is used for counters outside the caller's scope.</summary>
internal sealed record IssueResult(IReadOnlyList<NewSlip> Slips, FieldErrors Errors, bool NotFound);

/// <summary>
/// Issues slips for the counter page and the one-stop software alike: checks the counter, staff member and field
/// (the request's Validator has judged the fields' shape), then writes the whole batch and the day's issued counts
/// in one transaction (all or nothing).
/// </summary>
internal sealed class SlipIssuer(IDatabase database, DatabaseWriter writer, AccessScope scope, ServerKeys keys, Units.ProcedureFields fields, TimeProvider clock, IOptions<SipasOptions> options)
{
    /// <param name="shapeErrors">What the request's Validator found: reported together with what the issuer finds, so a person sees every field at once.</param>
    public async Task<IssueResult> IssueAsync(Caller caller, IssueInput input, FieldErrors shapeErrors, byte[]? issueNetwork, string channel = "slip")
    {
        var errors = new FieldErrors().With(shapeErrors);
        var slipOptions = options.Value.Slips;
        var counterId = input.CounterId;
        var counter = channel == "poster" ? scope.FindCounter(counterId) : scope.CounterFor(caller, counterId);
        if (counter is null)
        {
            errors["counterId"] = $"Counter {counterId} does not exist or is not assigned to you.";
            return new([], errors, NotFound: true);
        }
        var count = input.Count ?? 1;
        if (!counter.Active) errors["counterId"] = $"Counter {counterId} is deactivated.";
        else if (counter.QuestionnaireVersionId is null) errors["counterId"] = $"Counter {counterId} has no questionnaire version assigned.";
        var procedure = input.ProcedureCode?.Trim();
        var dossier = input.DossierCode?.Trim();
        var field = input.Field?.Trim().Normalize(NormalizationForm.FormC);
        var staffId = caller.Role == Role.Staff ? caller.Id : input.StaffId;
        if (field is { Length: > 0 })
        {
            if (fields.Find(field) is { } known) field = known;
            else errors["field"] = $"field '{IssueFieldsValidator<Request>.Shorten(field)}' is not a known procedure field.";
        }
        if (input.StaffId is { } requested && caller.Role == Role.Staff && requested != caller.Id)
            errors["staffId"] = "Counter staff issue slips in their own name.";
        else if (staffId is { } staff && !Data.StaffAssigned(database, staff, counterId))
            errors["staffId"] = $"Staff member {staff} is not assigned to counter {counterId}.";
        if (!errors.Ok) return new([], errors, false);
        if (count < 1 || count > slipOptions.MaxBatch) throw new ArgumentOutOfRangeException(nameof(input), count, "The request's Validator bounds count.");

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
}

internal sealed record SlipBatch(
    string CommuneCode, long CounterId, long? StaffId, string? ProcedureCode, string? Field, string? DossierCode,
    long QuestionnaireVersionId, string Channel, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Day,
    long? IssuedByUserId, long? IssuedByKeyId, byte[]? IssueNetwork);
