using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Slips.Qr;

public sealed class Request
{
    public string Token { get; set; } = "";
}

/// <summary>GET /s/{token}/qr.svg: the slip's QR code as SVG (whoever holds the token may fetch it).</summary>
public sealed class SvgEndpoint(ReadPool reads, SlipLinks links) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(CitizenRoutes.SurveyQrSvg);
        AllowAnonymous();
        Tags("Slips");
        Description(b => b.Produces(200, contentType: "image/svg+xml").ProducesProblemDetails(404));
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
        await Send.StringAsync(QrCodes.Svg(links.Survey(HttpContext.Request, request.Token)), 200, "image/svg+xml", ct);
    }
}
