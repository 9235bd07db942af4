using Microsoft.Extensions.Options;
using SipasSurvey.Infrastructure;

namespace SipasSurvey.Features.Slips;

/// <summary>The addresses printed and returned for a slip. The survey URL is what the QR encodes.</summary>
public sealed class SlipLinks(IOptions<SipasOptions> options)
{
    public const string SurveyPrefix = "/s/";

    public string BaseUrl(HttpRequest request) =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}"
            : options.Value.PublicBaseUrl.TrimEnd('/');

    public static string SurveyPath(string token) => SurveyPrefix + token;

    public static string QrSvgPath(string token) => SurveyPath(token) + "/qr.svg";

    public static string QrPngPath(string token) => SurveyPath(token) + "/qr.png";

    public static string PrintPath(string token, string format = "58mm") => SurveyPath(token) + "/print?format=" + format;

    public string Survey(HttpRequest request, string token) => BaseUrl(request) + SurveyPath(token);

    /// <summary>The host as printed under the QR for typing by hand: "khaosat.hanoi.gov.vn/ma".</summary>
    public string EnterCodeAddress(HttpRequest request) =>
        new Uri(BaseUrl(request)).Authority + Web.Paths.EnterCode;
}
