namespace SipasSurvey.Features.Slips.Qr;

internal sealed class Request
{
    public string Token { get; set; } = "";
}

/// <summary>A slip's QR code, for whoever holds the token; a revoked or unknown slip has none.</summary>
internal abstract class QrEndpoint(ReadPool reads, SlipLinks links) : Endpoint<Request>
{
    protected void ConfigureQr(string route, string contentType)
    {
        Get(route);
        AllowAnonymous();
        Tags("Slips");
        Description(b => b.Produces(200, contentType: contentType).ProducesProblemDetails(404));
    }

    protected abstract Task SendQrAsync(string surveyUrl, CancellationToken ct);

    public sealed override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var slip = SlipLookup.ByToken(reads, request.Token);
        if (slip is null || slip.RevokedAt is not null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown slip", "No slip has this token.");
            return;
        }
        HttpContext.Response.Headers.CacheControl = "private, max-age=86400";
        await SendQrAsync(links.Survey(HttpContext.Request, request.Token), ct);
    }
}
