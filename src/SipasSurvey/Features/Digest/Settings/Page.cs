namespace SipasSurvey.Features.Digest.Settings;

internal static class Page
{
    public static string Render(HttpContext context, Caller caller, bool daily, string? email, string? error, bool saved, string sendAt)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Tin hằng ngày</h1><p class=\"muted\">Mỗi ngày làm việc lúc {sendAt}, kết quả khảo sát của xã/phường trong ngày: số phản hồi, tỷ lệ hài lòng so với 7 ngày trước, phản hồi có điểm thấp và ý kiến mới.</p>");
        if (caller.CommuneCode is null)
            b.Add($"<div class=\"notice\" role=\"status\">Tin hằng ngày dành cho lãnh đạo xã/phường; tài khoản này không gắn với xã/phường nào.</div>");
        if (saved) b.Add($"<div class=\"notice\" role=\"status\">Đã lưu.</div>");
        if (error is not null) b.Add($"<div class=\"alert\" role=\"alert\">{error}</div>");
        b.Add($"<form method=\"post\" action=\"{AccountRoutes.Digest}\">{Forms.Antiforgery(context)}");
        b.Add($"<div class=\"choices\"><label><input type=\"checkbox\" name=\"dailyDigest\" value=\"true\"{(daily ? " checked" : "")}> Nhận tin hằng ngày</label></div>");
        b.Add($"<label class=\"field\" for=\"email\">Địa chỉ thư điện tử</label><input type=\"text\" inputmode=\"email\" id=\"email\" name=\"email\" autocomplete=\"email\" maxlength=\"254\" value=\"{email ?? ""}\">");
        b.Add($"<p><button type=\"submit\" class=\"submit\">Lưu</button></p></form>");
        return Layout.Document("vi", "Tin hằng ngày — SipasSurvey", b.ToHtml(), Chrome.Header(context, caller));
    }
}
