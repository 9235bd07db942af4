using System.Globalization;
using FastEndpoints;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Slips;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Survey.Submit;

/// <summary>POST /api/v1/responses: kiosk tablets and apps. The slip's token is the permission.</summary>
public sealed class ApiRequest
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
}

public sealed class ApiResponse
{
    public required long ResponseId { get; init; }

    /// <summary>"stored": this answer is on disk. A repeat of the same answers returns the original result.</summary>
    public required string Status { get; init; }
    public required string QuestionnaireVersion { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
}

/// <summary>
/// Answers 201 once the response is committed. A retry with the same Idempotency-Key and the same
/// answers gets the original 201 again with "Idempotent-Replayed: true"; anything else sent for an
/// answered slip gets 409 "already answered", whatever its answers.
/// </summary>
public sealed class ApiEndpoint(SurveyService surveys) : Endpoint<ApiRequest, ApiResponse>
{
    public override void Configure()
    {
        Post("/api/v1/responses");
        AllowAnonymous();
        Tags("Responses");
        Description(b => b.Produces<ApiResponse>(201).ProducesProblemDetails(400).ProducesProblemDetails(404).ProducesProblemDetails(409)
            .ProducesProblemDetails(410).ProducesProblemDetails(503));
        Summary(s =>
        {
            s.Summary = "Submit a citizen's answers for a slip";
            s.Description = "Send an Idempotency-Key header (any unique string up to 100 characters): a retry after a dropped connection with the same key " +
                            "and answers gets the original result; without it, a retry of an answer that was stored gets 409 (already answered).";
        });
    }

    public override async Task HandleAsync(ApiRequest request, CancellationToken ct)
    {
        var language = request.Language == "en" ? Language.En : Language.Vi;
        var key = HttpContext.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 100) ThrowError(new FluentValidation.Results.ValidationFailure("Idempotency-Key", "Idempotency-Key must be at most 100 characters."));
        if (string.IsNullOrWhiteSpace(request.Token)) ThrowError(r => r.Token!, "token is required.");
        if (!surveys.WithinLimits(HttpContext, request.Token, out var retryAfter))
        {
            await TooManyRequests.WriteAsync(HttpContext, retryAfter);
            return;
        }
        var survey = surveys.Load(request.Token);
        if (survey is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown slip", "No slip has this token.");
            return;
        }
        if (survey.State is SlipState.Revoked or SlipState.Expired)
        {
            await Gone(survey.State);
            return;
        }
        var input = new ResponseInput(
            // Item ids are upper case by definition; "tc1" from a lenient client means TC1.
            (request.Answers ?? []).GroupBy(a => a.Key.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Last().Value?.ToString(CultureInfo.InvariantCulture)),
            (request.Expectations ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString(CultureInfo.InvariantCulture)),
            (IReadOnlyDictionary<string, string?>?)request.Demographics ?? new Dictionary<string, string?>(),
            request.Comment, request.Field);
        var (response, errors) = surveys.Validate(survey.Version.Definition, input, language);
        if (response is null)
        {
            if (survey.State == SlipState.Answered)
            {
                await Problems.WriteAsync(HttpContext, 409, "Slip already answered", "This slip was answered before; it accepts one response.");
                return;
            }
            this.AddErrors(errors);
            ThrowIfAnyErrors();
        }
        var outcome = await surveys.SubmitAsync(survey.Slip, survey.Version.Definition, response!, "api", key.Length == 0 ? null : key, HttpContext);
        switch (outcome.Status)
        {
            case SubmitStatus.Stored or SubmitStatus.Repeated:
                if (outcome.Status == SubmitStatus.Repeated) HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                await Send.ResponseAsync(new ApiResponse
                {
                    ResponseId = outcome.ResponseId,
                    Status = "stored",
                    QuestionnaireVersion = survey.Version.Definition.Key,
                    SubmittedAt = outcome.SubmittedAt,
                }, 201, ct);
                return;
            case SubmitStatus.Conflict:
                await Problems.WriteAsync(HttpContext, 409, "Slip already answered", "This slip was answered before; it accepts one response.");
                return;
            case SubmitStatus.Revoked or SubmitStatus.Expired:
                await Gone(outcome.Status == SubmitStatus.Revoked ? SlipState.Revoked : SlipState.Expired);
                return;
            default:
                await Problems.WriteAsync(HttpContext, 404, "Unknown slip", "No slip has this token.");
                return;
        }

        Task Gone(SlipState state) => Problems.WriteAsync(HttpContext, 410,
            state == SlipState.Revoked ? "Slip revoked" : "Slip expired",
            state == SlipState.Revoked ? "The counter revoked this slip (printed by mistake)." : "This slip can no longer be answered.");
    }
}
