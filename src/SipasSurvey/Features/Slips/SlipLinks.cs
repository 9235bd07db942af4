using Microsoft.Extensions.Options;

namespace SipasSurvey.Features.Slips;

/// <summary>The absolute addresses printed and returned for a slip. The survey URL is what the QR encodes.</summary>
internal sealed class SlipLinks(IOptions<SipasOptions> options)
{
    /// <summary>Sipas:PublicBaseUrl; only in demo mode, where it may be unset, the request's own host.</summary>
    public string BaseUrl(HttpRequest request) =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}"
            : options.Value.PublicBaseUrl.TrimEnd('/');

    public string Survey(HttpRequest request, string token) => BaseUrl(request) + CitizenRoutes.SurveyPath(token);

    /// <summary>The host as printed under the QR for typing by hand: "khaosat.hanoi.gov.vn/ma".</summary>
    public string EnterCodeAddress(HttpRequest request) =>
        new Uri(BaseUrl(request)).Authority + CitizenRoutes.EnterCode;
}
