using QRCoder;

namespace SipasSurvey.Web;

/// <summary>
/// QR codes for slips with QRCoder. Error correction level Q (25% of the code can be lost: smudged
/// thermal paper, a fold) and the standard 4-module quiet zone, which cheap thermal printers and
/// phone cameras need to find the code.
/// </summary>
internal static class QrCodes
{
    public const QRCodeGenerator.ECCLevel Level = QRCodeGenerator.ECCLevel.Q;

    public static string Svg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, Level);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, Level);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    /// <summary>For printable pages: the image travels inside the page, so printing needs no further request.</summary>
    public static string SvgDataUri(string text) =>
        "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Svg(text)));
}
