using SipasSurvey.Domain.Slips;
using SipasSurvey.Features.Slips;

namespace SipasSurvey.Features.Admin.Counters.Poster;

/// <summary>GET /admin/counters/{id}/poster: the A4 poster for a counter in poster mode.</summary>
internal sealed class PageEndpoint(IDatabase database, ServerKeys keys, SlipLinks links) : Endpoint<Edit.Request>
{
    public override void Configure()
    {
        Get(AdminRoutes.CounterPoster);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(Edit.Request request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counter = Data.Get(database, caller.ProvinceCode, request.Id);
        var seed = counter is { PosterEnabled: true } ? Data.PosterSeed(database, counter.Id) : null;
        if (counter is null || seed is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var url = links.BaseUrl(HttpContext.Request) + CitizenRoutes.PosterPath(counter.Id, SlipSecrets.PosterToken(keys.TokenKey, seed));
        var b = new HtmlBuilder();
        b.Add($"<div class=\"toolbar\"><p><a href=\"{AdminRoutes.CounterPath(counter.Id)}\">← {counter.Name}</a> · In trên giấy A4 và dán tại quầy.</p></div>");
        b.Add($"<div class=\"sheet\"><section class=\"slip\"><h2>ĐÁNH GIÁ SỰ HÀI LÒNG</h2><p class=\"unit\">{counter.CommuneName}</p><p class=\"counter\">{counter.Name}</p>");
        b.Add($"<img src=\"{new Html(QrCodes.SvgDataUri(url))}\" alt=\"Mã QR khảo sát sự hài lòng\" width=\"400\" height=\"400\">");
        b.Add($"<p class=\"how\">Quét mã QR bằng điện thoại để đánh giá sự hài lòng về việc giải quyết thủ tục hành chính tại quầy.</p></section></div>");
        await Send.StringAsync(Layout.Document("vi", "Mã QR dán tường — " + counter.Name, b.ToHtml(), extraCss: Stylesheets.SlipPrint), 200, StaffPage.ContentType, ct);
    }
}
