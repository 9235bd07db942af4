namespace SipasSurvey.Features.Slips.Qr;

/// <summary>GET /s/{token}/qr.svg: the slip's QR code as SVG.</summary>
internal sealed class SvgEndpoint(ReadPool reads, SlipLinks links) : QrEndpoint(reads, links)
{
    public override void Configure() => ConfigureQr(CitizenRoutes.SurveyQrSvg, "image/svg+xml");

    protected override Task SendQrAsync(string surveyUrl, CancellationToken ct) => Send.StringAsync(QrCodes.Svg(surveyUrl), 200, "image/svg+xml", ct);
}
