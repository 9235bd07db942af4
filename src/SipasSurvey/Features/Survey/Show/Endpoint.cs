using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Slips;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Survey.Show;

internal sealed class Request
{
    public string Token { get; set; } = "";
    [QueryParam] public string? Lang { get; set; }
    [QueryParam] public int? Sent { get; set; }
}

/// <summary>
/// GET /s/{token}: the survey behind the QR. An unused slip shows the form; the others get one
/// short page each: unknown 404, expired or revoked 410, answered 200 ("thank you").
/// </summary>
internal sealed class Endpoint(Surveys surveys, SurveyPageCache pages, DatabaseWriter writer) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(CitizenRoutes.Survey);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(Request request, CancellationToken ct)
    {
        var language = request.Lang == "en" ? Language.En : Language.Vi;
        HttpContext.Response.Headers.CacheControl = "no-store";
        var survey = surveys.Load(request.Token);
        if (survey?.State == SlipState.Unused)
        {
            // When the form was first opened, written when the writer has a moment: skipped, not queued, when the service is busy.
            if (survey.Slip.OpenedAt is null)
            {
                var (id, now) = (survey.Slip.Id, surveys.Now);
                writer.TryRunInBackground(c => Data.MarkOpened(c.Connection, id, now));
            }
            Submit.FormKey.Issue(HttpContext, request.Token);
            return SendPageAsync(pages.Blank(surveys.Context(survey), language), ct);
        }
        var (status, html) = SurveyPage.ForState(language, survey, request.Sent == 1);
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
