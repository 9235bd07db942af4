using FastEndpoints;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Slips;
using SipasSurvey.Infrastructure;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Survey.Submit;

public sealed class FormRequest
{
    public string Token { get; set; } = "";
}

/// <summary>
/// POST /s/{token}: the plain HTML form post (no JavaScript needed). Success redirects (303) to the
/// thank-you page, so a refresh never posts again; a double tap or a retry finds the stored answer
/// and lands on the same page. Errors come back beside their items with every answer kept.
/// </summary>
public sealed class FormEndpoint(SurveyService surveys) : Endpoint<FormRequest>
{
    public override void Configure()
    {
        Post(SlipLinks.SurveyPrefix + "{token}");
        AllowAnonymous();
        AllowFormData(urlEncoded: true);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(FormRequest request, CancellationToken ct)
    {
        var form = await HttpContext.Request.ReadFormAsync(ct);
        var language = form["lang"] == "en" ? Language.En : Language.Vi;
        var t = new Texts(language);
        if (!surveys.WithinLimits(HttpContext, request.Token, out var retryAfter))
        {
            await TooManyRequests.WriteAsync(HttpContext, retryAfter);
            return;
        }
        var survey = surveys.Load(request.Token);
        if (survey is null)
        {
            await Html(404, SurveyPage.State(language, t.UnknownTitle, t.Unknown, offerCode: true));
            return;
        }
        var thanks = SlipLinks.SurveyPath(request.Token) + "?sent=1" + (language == Language.En ? "&lang=en" : "");
        var values = Read(form);
        // The honeypot field is invisible to people; a filled one is a bot, which is told "thank you" and ignored.
        if (!string.IsNullOrEmpty(form["website"]))
        {
            await Html(200, SurveyPage.State(language, t.ThanksTitle, t.ThanksSent));
            return;
        }
        switch (survey.State)
        {
            case SlipState.Answered:
                break;
            case SlipState.Revoked:
                await Html(410, SurveyPage.State(language, t.RevokedTitle, t.Revoked));
                return;
            case SlipState.Expired:
                await Html(410, SurveyPage.State(language, t.ExpiredTitle, t.Expired(Vietnamese.Date(Domain.Time.VietnamTime.DateOf(survey.Slip.ExpiresAt)))));
                return;
        }
        var input = new ResponseInput(values.Answers, values.Expectations, values.Demographics, values.Comment, values.Field);
        var (response, errors) = surveys.Validate(survey.Version.Definition, input, language);
        if (response is null)
        {
            if (survey.State == SlipState.Answered)
            {
                await Html(200, SurveyPage.State(language, t.ThanksTitle, t.AlreadyAnswered));
                return;
            }
            await Html(400, SurveyPage.Form(surveys.Context(survey), language, values, errors));
            return;
        }
        SubmitOutcome outcome;
        try
        {
            outcome = await surveys.SubmitAsync(survey.Slip, survey.Version.Definition, response, "form", FormKey.Read(HttpContext), HttpContext);
        }
        catch (ServiceUnavailableException busy)
        {
            HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Html(503, SurveyPage.Form(surveys.Context(survey), language, values, new Dictionary<string, string>(), t.Busy));
            return;
        }
        switch (outcome.Status)
        {
            case SubmitStatus.Stored or SubmitStatus.Repeated:
                await Redirects.SeeOtherAsync(HttpContext, thanks);
                return;
            case SubmitStatus.Conflict:
                await Html(200, SurveyPage.State(language, t.ThanksTitle, t.AlreadyAnswered));
                return;
            case SubmitStatus.Revoked:
                await Html(410, SurveyPage.State(language, t.RevokedTitle, t.Revoked));
                return;
            case SubmitStatus.Expired:
                await Html(410, SurveyPage.State(language, t.ExpiredTitle, t.Expired(Vietnamese.Date(Domain.Time.VietnamTime.DateOf(survey.Slip.ExpiresAt)))));
                return;
            default:
                await Html(404, SurveyPage.State(language, t.UnknownTitle, t.Unknown, offerCode: true));
                return;
        }

        Task Html(int status, string html)
        {
            HttpContext.Response.Headers.CacheControl = "no-store";
            return Send.StringAsync(html, status, StaffPage.ContentType, ct);
        }
    }

    /// <summary>Form field names: an item's id for its rating, "x.AREA" for expectations, "d.question" for demographics.</summary>
    public static FormValues Read(IFormCollection form)
    {
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        var expectations = new Dictionary<string, string?>(StringComparer.Ordinal);
        var demographics = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (key.Length > 64) continue;
            if (key.StartsWith("x.", StringComparison.Ordinal)) expectations[key[2..]] = value.ToString();
            else if (key.StartsWith("d.", StringComparison.Ordinal)) demographics[key[2..]] = value.ToString();
            else if (key.Length > 0 && char.IsAsciiLetterUpper(key[0])) answers[key] = value.ToString();
        }
        var comment = form["comment"].ToString();
        var field = form["field"].ToString();
        return new FormValues(answers, expectations, demographics, comment.Length == 0 ? null : comment, field.Length == 0 ? null : field);
    }
}
