namespace SipasSurvey.Features.Slips.Qr;

/// <summary>GET /s/{token}/qr.png: the slip's QR code as PNG (8 pixels per module) for software that cannot draw SVG.</summary>
internal sealed class PngEndpoint(ReadPool reads, SlipLinks links) : QrEndpoint(reads, links)
{
    public override void Configure() => ConfigureQr(CitizenRoutes.SurveyQrPng, "image/png");

    protected override Task SendQrAsync(string surveyUrl, CancellationToken ct) =>
        Send.BytesAsync(QrCodes.Png(surveyUrl), contentType: "image/png", cancellation: ct);
}
