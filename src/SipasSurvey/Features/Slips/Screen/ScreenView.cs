using Microsoft.Extensions.Options;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Screen;

/// <summary>What the screen shows now: the slip's address, typed code and QR, or nothing (idle).</summary>
internal sealed record ScreenState(string State, long? SlipId, string? Url, string? Code, string? QrSvg);

internal sealed class ScreenView(ReadPool reads, ServerKeys keys, SlipLinks links, IOptions<SipasOptions> options, TimeProvider clock)
{
    /// <summary>
    /// What to show now. When the screen already shows that slip (<paramref name="shown"/>), only its id is
    /// returned: the token, the address and the QR are derived when the slip changes, not on every poll.
    /// </summary>
    public ScreenState Current(HttpRequest request, long counterId, long? shown = null)
    {
        var since = clock.GetUtcNow() - TimeSpan.FromMinutes(Math.Max(1, options.Value.Slips.ScreenMinutes));
        var slip = reads.Run(c => Data.Current(c, counterId, since));
        if (slip is null) return new ScreenState("idle", null, null, null, null);
        if (slip.Id == shown) return new ScreenState("slip", slip.Id, null, null, null);
        var url = links.BaseUrl(request) + CitizenRoutes.SurveyPath(SlipSecrets.Token(keys.TokenKey, slip.Seed));
        return new ScreenState("slip", slip.Id, url, FallbackCode.Format(SlipSecrets.Code(keys.TokenKey, slip.Seed)), QrCodes.Svg(url));
    }

    /// <summary>The page: large enough to scan at arm's length; without JavaScript it reloads itself every 3 seconds.</summary>
    public static string Page(CounterInfo counter, ScreenState state)
    {
        var b = new HtmlBuilder(8192);
        b.Add($"<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>");
        b.Add($"<div class=\"screen\" id=\"screen\" data-current=\"{CounterRoutes.ScreenPath(counter.Id)}/current\" data-slip=\"{state.SlipId?.ToString(CultureInfo.InvariantCulture) ?? ""}\">");
        b.Add($"<p class=\"muted\">{counter.CommuneName} — {counter.Name}</p>");
        b.Add(Body(state));
        b.Add($"</div>");
        return Layout.Document("vi", "Đánh giá mức độ hài lòng — " + counter.CommuneName, b.ToHtml(), script: Web.Assets.ScreenScriptPath);
    }

    public static Html Body(ScreenState state)
    {
        var b = new HtmlBuilder(8192);
        if (state.State == "idle")
        {
            b.Add($"<div id=\"screen-body\" data-state=\"idle\"><h1>Xin mời Ông/Bà đánh giá sự phục vụ</h1><p>Mã QR để đánh giá sẽ hiện ở đây sau khi cán bộ tiếp nhận hoặc trả kết quả hồ sơ.</p></div>");
            return b.ToHtml();
        }
        b.Add($"<div id=\"screen-body\" data-state=\"slip\"><h1>Quét mã QR để đánh giá sự phục vụ</h1>");
        b.Add($"<div class=\"screen-qr\" role=\"img\" aria-label=\"Mã QR dẫn đến phiếu đánh giá\">{new Html(state.QrSvg!)}</div>");
        b.Add($"<p>Hoặc vào <b>{new Uri(state.Url!).GetLeftPart(UriPartial.Authority)}{CitizenRoutes.EnterCode}</b> và nhập mã <b class=\"screen-code\">{state.Code}</b></p></div>");
        return b.ToHtml();
    }
}
