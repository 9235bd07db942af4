using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Features.Slips.Screen;
using SipasSurvey.Features.Survey.Submit;

namespace SipasSurvey.Features.Survey.Kiosk;

internal sealed class SubmitRequest
{
    public long CounterId { get; set; }
}

/// <summary>
/// POST /counters/{counterId}/kiosk (form): a citizen's answers on the counter's kiosk, for the slip the
/// form was shown for. The same submission as a phone's (one response per slip, acknowledged once
/// durable), stored as channel "kiosk" with the integrity signals that suit a shared device. Success
/// redirects (303) to the thank-you page, which goes back to idle by itself.
/// </summary>
internal sealed class SubmitEndpoint(ScreenAccess access, Submit.Submit submit, Surveys surveys, ReadPool reads, ServerKeys keys,
    Web.NetworkSignals networks, TimeProvider clock) : Endpoint<SubmitRequest>
{
    /// <summary>How long after issue a slip can still be answered on the kiosk (a slow reader, a long form).</summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromMinutes(60);

    public override void Configure()
    {
        Post(CounterRoutes.Kiosk);
        AllowAnonymous();   // a paired device has no session: ScreenAccess decides
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(SubmitRequest request, CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "no-store";
        if (access.Counter(HttpContext, request.CounterId) is not { } counter)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var form = await HttpContext.Request.ReadFormAsync(ct);
        var language = form["lang"] == "en" ? Language.En : Language.Vi;
        var t = new Texts(language);
        var seed = long.TryParse(form["slip"], System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var slipId)
            ? reads.Run(c => Data.Seed(c, counter.Id, slipId, clock.GetUtcNow() - AnswerWithin))
            : null;
        var gone = language == Language.En
            ? "This survey can no longer be answered here. Please ask the officer for a new one."
            : "Phiếu này không còn trả lời được trên máy này. Xin Ông/Bà đề nghị cán bộ phát phiếu mới.";
        if (seed is null)
        {
            await Html(410, KioskPage.Done(counter.Id, language, t.ExpiredTitle, gone), ct);
            return;
        }
        var values = FormEndpoint.Read(form);
        var outcome = await submit.HandleAsync(new SubmitCommand(SlipSecrets.Token(keys.TokenKey, seed),
            new ResponseInput(values.Answers, values.Expectations, values.Demographics, values.Comment, values.Field),
            language, "form", FormKey.Read(HttpContext), networks.Signals(HttpContext)) { AtKiosk = true });
        KioskForm Kiosk() => new(counter.Id, slipId, Forms.Antiforgery(HttpContext));
        switch (outcome)
        {
            case SubmitOutcome.Accepted:
                await Redirects.SeeOtherAsync(HttpContext, CounterRoutes.KioskPath(counter.Id) + "?sent=1" + (language == Language.En ? "&lang=en" : ""));
                return;
            case SubmitOutcome.Invalid { Survey: { } survey } invalid:
                await Html(400, SurveyPage.Form(surveys.Context(survey), language, values, invalid.Errors, kiosk: Kiosk()), ct);
                return;
            case SubmitOutcome.Overloaded overloaded:
                HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(overloaded.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Html(503, SurveyPage.Form(surveys.Context(overloaded.Survey), language, values, new Dictionary<string, string>(), t.Busy, Kiosk()), ct);
                return;
            case SubmitOutcome.TooManyRequests limited:
                await TooManyRequests.WriteAsync(HttpContext, limited.RetryAfter);
                return;
            case SubmitOutcome.AlreadyAnswered:
                await Html(200, KioskPage.Done(counter.Id, language, t.ThanksTitle, t.AlreadyAnswered), ct);
                return;
            case SubmitOutcome.SlipUnavailable { State: Slips.SlipState.Revoked }:
                await Html(410, KioskPage.Done(counter.Id, language, t.RevokedTitle, t.Revoked), ct);
                return;
            case SubmitOutcome.SlipUnavailable:
                await Html(410, KioskPage.Done(counter.Id, language, t.ExpiredTitle, gone), ct);
                return;
        }
    }

    private Task Html(int status, string html, CancellationToken ct) => Send.StringAsync(html, status, StaffPage.ContentType, ct);
}
