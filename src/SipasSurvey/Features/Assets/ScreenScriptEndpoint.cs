namespace SipasSurvey.Features.Assets;

/// <summary>GET /assets/screen.js: the counter screen's poll, cached for a year (its URL carries a content hash).</summary>
internal sealed class ScreenScriptEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(SiteRoutes.ScreenScript);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Send.StringAsync(Web.Assets.ScreenScript, 200, "text/javascript; charset=utf-8", ct);
    }
}
