using FluentValidation;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Slips;

namespace SipasSurvey.Features.Survey.Submit;

/// <summary>POST /api/v1/responses: kiosk tablets and apps. The slip's token is the permission.</summary>
internal sealed class ApiRequest
{
    public string? Token { get; set; }

    /// <summary>Item id → 1–5; absent or null means left blank.</summary>
    public Dictionary<string, int?>? Answers { get; set; }

    /// <summary>Demographic question id → option id, e.g. { "gender": "nu", "age": "25-34" }.</summary>
    public Dictionary<string, string?>? Demographics { get; set; }

    /// <summary>Expectation area id → 3 (Rất nhiều), 2 (Nhiều) or 1 (Ít).</summary>
    public Dictionary<string, int?>? Expectations { get; set; }
    public string? Comment { get; set; }

    /// <summary>The field handled, when the questionnaire asks for it (hn-mau-02).</summary>
    public string? Field { get; set; }

    /// <summary>"vi" (default) or "en": the language of validation messages.</summary>
    public string? Language { get; set; }

    /// <summary>The Idempotency-Key header: any unique string up to 100 characters.</summary>
    [FromHeader("Idempotency-Key", IsRequired = false)]
    public string? IdempotencyKey { get; set; }
}

internal sealed class ApiValidator : Validator<ApiRequest>
{
    public ApiValidator()
    {
        RuleFor(r => r.IdempotencyKey).MaximumLength(100).OverridePropertyName("Idempotency-Key").WithMessage("Idempotency-Key must be at most 100 characters.");
    }
}

internal sealed class ApiResponse
{
    public required long ResponseId { get; init; }

    /// <summary>"stored": this answer is on disk. A retry with the same Idempotency-Key returns the original result.</summary>
    public required string Status { get; init; }
    public required string QuestionnaireVersion { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
}

/// <summary>
/// Answers 201 once the response is committed. A retry with the same Idempotency-Key and the same
/// answers gets the original 201 again with "Idempotent-Replayed: true"; anything else sent for an
/// answered slip gets 409 "already answered", whatever its answers.
/// </summary>
internal sealed class ApiEndpoint(Submit submit, Web.NetworkSignals networks) : Endpoint<ApiRequest, ApiResponse>
{
    public override void Configure()
    {
        Post(CitizenRoutes.Responses);
        AllowAnonymous();
        Tags("Responses");
        Description(b => b.Produces<ApiResponse>(201).ProducesProblemDetails(400).ProducesProblemDetails(404).ProducesProblemDetails(409)
            .ProducesProblemDetails(410).ProducesProblemDetails(429).ProducesProblemDetails(503));
        Summary(s =>
        {
            s.Summary = "Submit a citizen's answers for a slip";
            s.Description = "Send an Idempotency-Key header (any unique string up to 100 characters): a retry after a dropped connection with the same key " +
                            "and answers gets the original result; without it, a retry of an answer that was stored gets 409 (already answered).";
        });
    }

    public override async Task HandleAsync(ApiRequest request, CancellationToken ct)
    {
        var input = new ResponseInput(
            // Item ids are upper case by definition; "tc1" from a lenient client means TC1.
            (request.Answers ?? []).GroupBy(a => a.Key.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Last().Value?.ToString(CultureInfo.InvariantCulture)),
            (request.Expectations ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString(CultureInfo.InvariantCulture)),
            (IReadOnlyDictionary<string, string?>?)request.Demographics ?? new Dictionary<string, string?>(),
            request.Comment, request.Field);
        var key = string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey;
        var outcome = await submit.HandleAsync(new SubmitCommand(request.Token, input, request.Language == "en" ? Language.En : Language.Vi, "api", key,
            networks.Signals(HttpContext)));
        switch (outcome)
        {
            case SubmitOutcome.Accepted accepted:
                if (accepted.Replayed) HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                await Send.ResponseAsync(new ApiResponse
                {
                    ResponseId = accepted.ResponseId,
                    Status = "stored",
                    QuestionnaireVersion = accepted.Survey.Version.Definition.Key,
                    SubmittedAt = accepted.SubmittedAt,
                }, 201, ct);
                return;
            case SubmitOutcome.AlreadyAnswered:
                await Problems.WriteAsync(HttpContext, 409, "Slip already answered", "This slip was answered before; it accepts one response.");
                return;
            case SubmitOutcome.SlipUnavailable { State: SlipState.Revoked }:
                await Problems.WriteAsync(HttpContext, 410, "Slip revoked", "The counter revoked this slip (printed by mistake).");
                return;
            case SubmitOutcome.SlipUnavailable { State: SlipState.Expired }:
                await Problems.WriteAsync(HttpContext, 410, "Slip expired", "This slip can no longer be answered.");
                return;
            case SubmitOutcome.SlipUnavailable:
                await Problems.WriteAsync(HttpContext, 404, "Unknown slip", "No slip has this token.");
                return;
            case SubmitOutcome.Invalid invalid:
                this.AddErrors(invalid.Errors);
                ThrowIfAnyErrors();
                return;
            case SubmitOutcome.TooManyRequests limited:
                await TooManyRequests.WriteAsync(HttpContext, limited.RetryAfter);
                return;
            case SubmitOutcome.Overloaded overloaded:
                throw new Infrastructure.ServiceUnavailableException("The service cannot store answers right now; nothing was saved. Please retry shortly.", overloaded.RetryAfter);
        }
    }
}
