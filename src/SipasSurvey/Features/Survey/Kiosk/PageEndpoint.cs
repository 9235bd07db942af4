using Microsoft.Extensions.Options;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Slips.Screen;

namespace SipasSurvey.Features.Survey.Kiosk;

internal sealed class PageRequest
{
    public long CounterId { get; set; }
    [QueryParam] public string? Lang { get; set; }

    /// <summary>1 after an answer was stored: the thank-you page.</summary>
    [QueryParam] public int? Sent { get; set; }
}

/// <summary>
/// GET /counters/{counterId}/kiosk: the counter's tablet, for a citizen without a phone. Idle until the
/// officer issues a slip (desk page or the one-stop software's API), then the form of that slip, the
/// same one-time slip a phone would answer; after the answer a thank-you, then idle again. Open to the
/// counter's staff and to devices an administrator paired with the counter, like its screen. Never
/// cached: nothing of an earlier citizen's answers can come back from the browser's cache.
/// </summary>
internal sealed class PageEndpoint(ScreenAccess access, Surveys surveys, ReadPool reads, ServerKeys keys, IOptions<SipasOptions> options,
    TimeProvider clock) : Endpoint<PageRequest>
{
    public override void Configure()
    {
        Get(CounterRoutes.Kiosk);
        AllowAnonymous();   // a paired device has no session: ScreenAccess decides
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(PageRequest request, CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "no-store";
        if (ScreenAccess.IsStranger(HttpContext))
        {
            await Send.StringAsync(ScreenAccess.StrangerPage(CounterRoutes.KioskPath(request.CounterId)), 404, StaffPage.ContentType, ct);
            return;
        }
        if (access.Counter(HttpContext, request.CounterId) is not { } counter)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var language = request.Lang == "en" ? Language.En : Language.Vi;
        if (request.Sent == 1)
        {
            var t = new Texts(language);
            await Html(200, KioskPage.Done(counter.Id, language, t.ThanksTitle, t.ThanksSent), ct);
            return;
        }
        // The slip the counter's screen would show now (the newest one issued one at a time, unanswered).
        var since = clock.GetUtcNow() - TimeSpan.FromMinutes(Math.Max(1, options.Value.Slips.ScreenMinutes));
        var current = reads.Run(c => Slips.Screen.Data.Current(c, counter.Id, since));
        var survey = current is null ? null : surveys.Load(SlipSecrets.Token(keys.TokenKey, current.Seed));
        if (survey is not { State: SlipState.Unused })
        {
            await Html(200, KioskPage.Idle(counter), ct);
            return;
        }
        await Html(200, SurveyPage.Form(surveys.Context(survey), language, FormValues.Empty, new Dictionary<string, string>(),
            kiosk: new KioskForm(counter.Id, survey.Slip.Id, Forms.Antiforgery(HttpContext))), ct);
    }

    private Task Html(int status, string html, CancellationToken ct) => Send.StringAsync(html, status, StaffPage.ContentType, ct);
}
