using SipasSurvey.Features.Accounts;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Admin.Counters.Screens;

internal sealed class PairFormRequest
{
    public long Id { get; set; }
}

/// <summary>
/// POST /admin/counters/{id}/screens (form): a one-time link, valid 15 minutes, that pairs the tablet
/// which opens it with this counter's citizen screen, without giving the tablet a staff password.
/// </summary>
internal sealed class PairFormEndpoint(AccessScope scope, ProvinceBoundary boundary, DatabaseWriter writer, Slips.SlipLinks links, TimeProvider clock) : AdminFormEndpoint<PairFormRequest>
{
    public static readonly TimeSpan Valid = TimeSpan.FromMinutes(15);

    public override void Configure()
    {
        Post(AdminRoutes.CounterScreens);
        AsForm();
    }

    public override async Task HandleAsync(PairFormRequest request, CancellationToken ct)
    {
        var caller = Caller;
        if (scope.CounterFor(caller, request.Id) is not { } counter)
        {
            boundary.AuditIfForeign(caller, HttpContext, "counter.screen-pair", $"counter:{request.Id}", boundary.CounterOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var token = Secrets.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var now = clock.GetUtcNow();
        await writer.RunAsync(c =>
        {
            Slips.Screen.Data.CreatePairing(c.Connection, counter.Id, Slips.Screen.ScreenAccess.Hash(token), now + Valid, caller.Id, now);
            Audit.AuditLog.Write(c.Connection, null, Audit.AuditEntry.By(caller, HttpContext, "counter.screen-pair", $"counter:{counter.Id}", new { validMinutes = (int)Valid.TotalMinutes }, now));
            return true;
        });
        var link = links.BaseUrl(HttpContext.Request) + CounterRoutes.ScreenPairPath(token);
        var b = new HtmlBuilder();
        b.Add($"<h1>Ghép màn hình cho {counter.Name}</h1>");
        var kioskLink = link + "?mode=kiosk";
        b.Add($"<p>Mở một trong hai liên kết (hoặc quét mã) trên máy tính bảng hay màn hình quay về phía người dân, trong 15 phút. Liên kết chỉ dùng được một lần; thiết bị không cần mật khẩu của cán bộ.</p>");
        b.Add($"<div class=\"pair-links\"><section><h2>Màn hình hiện mã QR</h2><p>Người dân quét mã QR của phiếu vừa phát bằng điện thoại của mình.</p>");
        b.Add($"<p><a id=\"pair-link\" href=\"{link}\">{link}</a></p><div class=\"screen-qr\">{new Html(QrCodes.Svg(link))}</div></section>");
        b.Add($"<section><h2>Máy đánh giá tại quầy (kiosk)</h2><p>Người dân không có điện thoại trả lời phiếu vừa phát ngay trên máy này.</p>");
        b.Add($"<p><a id=\"kiosk-pair-link\" href=\"{kioskLink}\">{kioskLink}</a></p><div class=\"screen-qr\">{new Html(QrCodes.Svg(kioskLink))}</div></section></div>");
        b.Add($"<p><a href=\"{AdminRoutes.CounterPath(counter.Id)}\">← {counter.Name}</a></p>");
        await Send.StringAsync(StaffPage.Render(HttpContext, "Ghép màn hình", b.ToHtml()), 200, StaffPage.ContentType, ct);
    }
}
