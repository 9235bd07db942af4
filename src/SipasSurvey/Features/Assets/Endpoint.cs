namespace SipasSurvey.Features.Assets;

/// <summary>
/// GET /assets/form.js, /assets/screen.js and /assets/kiosk.js: the survey form's, the counter screen's and the kiosk's optional
/// scripts, cached for a year (the pages link them with a content hash in the URL).
/// </summary>
internal sealed class Endpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(SiteRoutes.FormScript, SiteRoutes.ScreenScript, SiteRoutes.KioskScript);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Send.StringAsync(Web.Assets.ScriptAt(HttpContext.Request.Path)!, 200, "text/javascript; charset=utf-8", ct);
    }
}
