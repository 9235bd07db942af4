namespace SipasSurvey.Features.Slips.Print;

internal sealed record PrintableSlip(string CommuneName, string CounterName, string Url, string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// The printed slip: commune, counter, QR, typeable code, expiry, one line of instructions. The
/// dossier code is never printed. Everything, QR included, is inside the page (no external assets).
/// </summary>
internal static class SlipSheet
{
    public static readonly string[] Formats = ["58mm", "80mm", "a4"];

    public static string Normalize(string? format) => Formats.Contains(format) ? format! : "58mm";

    public static string Render(string format, IReadOnlyList<PrintableSlip> slips, string enterCodeAddress, string backLink, Func<string, string> formatLink)
    {
        format = Normalize(format);
        var bodyClass = format switch { "80mm" => "p80", "a4" => "a4", _ => "p58" };
        var page = new HtmlBuilder(2048 + slips.Count * 6000);
        page.Add($"<div class=\"toolbar\"><p><a href=\"{backLink}\">← Quay lại</a> · Khổ giấy: ");
        foreach (var f in Formats) page.Add($"<a href=\"{formatLink(f)}\"{new Html(f == format ? " aria-current=\"true\"" : "")}>{(f == "a4" ? "A4" : f)}</a> ");
        page.Add($"</p><p>{slips.Count} phiếu. Nhấn <kbd>Ctrl</kbd>+<kbd>P</kbd> (hoặc In trong trình duyệt) để in; chọn đúng khổ giấy của máy in.</p></div>");
        page.Add($"<div class=\"sheet {bodyClass}\">");
        foreach (var slip in slips)
        {
            page.Add($"<section class=\"slip\"><h2>PHIẾU KHẢO SÁT SỰ HÀI LÒNG</h2><p class=\"unit\">{slip.CommuneName}</p><p class=\"counter\">{slip.CounterName}</p>");
            // Base64 cannot break out of the attribute, so it goes in unencoded (entity-encoding '+' would bloat the page).
            page.Add($"<img src=\"{new Html(QrCodes.SvgDataUri(slip.Url))}\" alt=\"Mã QR dẫn tới phiếu khảo sát\">");
            page.Add($"<p class=\"how\">Quét mã QR bằng điện thoại để đánh giá sự hài lòng về việc giải quyết thủ tục hành chính.</p>");
            page.Add($"<p class=\"how\">Không quét được? Vào <b>{enterCodeAddress}</b> và nhập mã:</p><p class=\"code\">{Domain.Slips.FallbackCode.Format(slip.Code)}</p>");
            page.Add($"<p class=\"expiry\">Hạn đánh giá: {Vietnamese.Date(DateOnly.FromDateTime(Domain.Time.VietnamTime.ToLocal(slip.ExpiresAt).DateTime))}</p></section>");
        }
        page.Add($"</div>");
        return Layout.Document("vi", "In phiếu khảo sát", page.ToHtml(), extraCss: Stylesheets.SlipPrint);
    }
}
