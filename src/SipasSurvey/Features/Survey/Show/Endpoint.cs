using FastEndpoints;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Slips;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Survey.Show;

public sealed class Request
{
    public string Token { get; set; } = "";
    [QueryParam] public string? Lang { get; set; }
    [QueryParam] public int? Sent { get; set; }
}

/// <summary>
/// GET /s/{token}: the survey behind the QR. An unused slip shows the form; the others get one
/// short page each: unknown 404, expired or revoked 410, answered 200 ("thank you").
/// </summary>
public sealed class Endpoint(SurveyService surveys, SurveyPageCache pages) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(SlipLinks.SurveyPrefix + "{token}");
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(Request request, CancellationToken ct)
    {
        var language = request.Lang == "en" ? Language.En : Language.Vi;
        var t = new Texts(language);
        HttpContext.Response.Headers.CacheControl = "no-store";
        var survey = surveys.Load(request.Token);
        if (survey?.State == SlipState.Unused)
        {
            surveys.MarkOpened(survey.Slip);
            Submit.FormKey.Issue(HttpContext, request.Token);
            return SendPageAsync(pages.Blank(surveys.Context(survey), language), ct);
        }
        var (status, html) = survey?.State switch
        {
            null => (404, SurveyPage.State(language, t.UnknownTitle, t.Unknown, offerCode: true)),
            SlipState.Answered => (200, SurveyPage.State(language, t.ThanksTitle, request.Sent == 1 ? t.ThanksSent : t.AlreadyAnswered)),
            SlipState.Revoked => (410, SurveyPage.State(language, t.RevokedTitle, t.Revoked)),
            SlipState.Expired => (410, SurveyPage.State(language, t.ExpiredTitle, t.Expired(Vietnamese.Date(Domain.Time.VietnamTime.DateOf(survey.Slip.ExpiresAt))))),
            _ => throw new InvalidOperationException("unreachable"),
        };
        return Send.StringAsync(html, status, StaffPage.ContentType, ct);
    }

    private Task SendPageAsync(SurveyPageCache.Page page, CancellationToken ct)
    {
        var response = HttpContext.Response;
        response.Headers.Vary = "Accept-Encoding";
        var gzip = HttpContext.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (gzip) response.Headers.ContentEncoding = "gzip";
        var body = gzip ? page.Gzip : page.Html;
        response.StatusCode = 200;
        response.ContentType = StaffPage.ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, ct).AsTask();
    }
}
