namespace SipasSurvey.Features.Assets;

/// <summary>GET /assets/form.js: the survey form's optional script, cached for a year (its URL carries a content hash).</summary>
internal sealed class Endpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(SiteRoutes.FormScript);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Send.StringAsync(Web.Assets.FormScript, 200, "text/javascript; charset=utf-8", ct);
    }
}
