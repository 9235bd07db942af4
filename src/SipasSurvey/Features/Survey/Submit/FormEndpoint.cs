using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;

namespace SipasSurvey.Features.Survey.Submit;

internal sealed class FormRequest
{
    public string Token { get; set; } = "";
}

/// <summary>
/// POST /s/{token}: the plain HTML form post (no JavaScript needed). Success redirects (303) to the
/// thank-you page, so a refresh never posts again; a double tap or a retry finds the stored answer
/// and lands on the same page. Errors come back beside their items with every answer kept.
/// </summary>
internal sealed class FormEndpoint(Submit submit, Surveys surveys, Web.NetworkSignals networks) : Endpoint<FormRequest>
{
    public override void Configure()
    {
        Post(CitizenRoutes.Survey);
        AllowAnonymous();
        AllowFormData(urlEncoded: true);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(FormRequest request, CancellationToken ct)
    {
        var form = await HttpContext.Request.ReadFormAsync(ct);
        var language = form["lang"] == "en" ? Language.En : Language.Vi;
        var values = Read(form);
        HttpContext.Response.Headers.CacheControl = "no-store";
        // The honeypot field is invisible to people; a filled one is a bot, which is told "thank you" and ignored.
        if (!string.IsNullOrEmpty(form["website"]))
        {
            var t = new Texts(language);
            await Html(200, SurveyPage.State(language, t.ThanksTitle, t.ThanksSent));
            return;
        }
        var outcome = await submit.HandleAsync(new SubmitCommand(request.Token,
            new ResponseInput(values.Answers, values.Expectations, values.Demographics, values.Comment, values.Field),
            language, "form", FormKey.Read(HttpContext), networks.Signals(HttpContext)));
        switch (outcome)
        {
            case SubmitOutcome.Accepted:
                await Redirects.SeeOtherAsync(HttpContext, CitizenRoutes.SurveyPath(request.Token) + "?sent=1" + (language == Language.En ? "&lang=en" : ""));
                return;
            case SubmitOutcome.Invalid { Survey: { } survey } invalid:
                await Html(400, SurveyPage.Form(surveys.Context(survey), language, values, invalid.Errors));
                return;
            case SubmitOutcome.Overloaded overloaded:
                HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(overloaded.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Html(503, SurveyPage.Form(surveys.Context(overloaded.Survey), language, values, new Dictionary<string, string>(), new Texts(language).Busy));
                return;
            case SubmitOutcome.TooManyRequests limited:
                await TooManyRequests.WriteAsync(HttpContext, limited.RetryAfter);
                return;
            case SubmitOutcome.AlreadyAnswered answered:
                var (status, html) = SurveyPage.ForState(language, answered.Survey, sent: false);
                await Html(status, html);
                return;
            case SubmitOutcome.SlipUnavailable unavailable:
                var (code, page) = SurveyPage.ForState(language, unavailable.Survey, sent: false);
                await Html(code, page);
                return;
        }
    }

    private Task Html(int status, string html) => Send.StringAsync(html, status, StaffPage.ContentType);

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
