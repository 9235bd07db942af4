namespace SipasSurvey.Features.Slips.EnterCode;

internal static class Page
{
    public static string Render(string? typed, string? error)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Nhập mã phiếu khảo sát</h1><p>Mã gồm 11 ký tự in dưới mã QR trên phiếu, ví dụ <b>ABCD-EFGH-JKM</b>.</p>");
        b.Add($"<form method=\"post\" action=\"{CitizenRoutes.EnterCode}\"><div class=\"{(error is null ? "" : "invalid")}\">");
        b.Add($"<label class=\"field\" for=\"code\">Mã phiếu</label>");
        b.Add($"<input type=\"text\" id=\"code\" name=\"code\" value=\"{typed}\" autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" inputmode=\"text\" maxlength=\"20\" required{new Html(error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"code-error\"")}>");
        if (error is not null) b.Add($"<p class=\"error\" id=\"code-error\" role=\"alert\">{error}</p>");
        b.Add($"</div><p><button type=\"submit\" class=\"submit\">Tiếp tục</button></p></form>");
        return Layout.Document("vi", "Nhập mã phiếu — Khảo sát sự hài lòng", b.ToHtml());
    }
}
