using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Slips.Qr;

/// <summary>GET /s/{token}/qr.png: the slip's QR code as PNG (8 pixels per module) for software that cannot draw SVG.</summary>
public sealed class PngEndpoint(ReadPool reads, SlipLinks links) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(CitizenRoutes.SurveyQrPng);
        AllowAnonymous();
        Tags("Slips");
        Description(b => b.Produces(200, contentType: "image/png").ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var slip = SlipLookup.ByToken(reads, request.Token);
        if (slip is null || slip.RevokedAt is not null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown slip", "No slip has this token.");
            return;
        }
        HttpContext.Response.Headers.CacheControl = "private, max-age=86400";
        await Send.BytesAsync(QrCodes.Png(links.Survey(HttpContext.Request, request.Token)), contentType: "image/png", cancellation: ct);
    }
}
