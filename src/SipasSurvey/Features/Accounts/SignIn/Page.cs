namespace SipasSurvey.Features.Accounts.SignIn;

internal static class Page
{
    public static string Render(HttpContext context, string? username, string? error, string? returnUrl)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Đăng nhập</h1><p class=\"muted\">Dành cho cán bộ Bộ phận Một cửa, lãnh đạo xã/phường và quản trị viên.</p>");
        if (error is not null) b.Add($"<div class=\"alert\" role=\"alert\">{error}</div>");
        b.Add($"<form method=\"post\" action=\"{AccountRoutes.SignIn}\">{Forms.Antiforgery(context)}");
        if (returnUrl is not null) b.Add($"<input type=\"hidden\" name=\"returnUrl\" value=\"{returnUrl}\">");
        b.Add($"<label class=\"field\" for=\"username\">Tên đăng nhập</label><input type=\"text\" id=\"username\" name=\"username\" value=\"{username}\" autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" required>");
        b.Add($"<label class=\"field\" for=\"password\">Mật khẩu</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>");
        b.Add($"<p><button type=\"submit\" class=\"submit\">Đăng nhập</button></p></form>");
        return Layout.Document("vi", "Đăng nhập — SipasSurvey", b.ToHtml(), Chrome.Header(context, null));
    }
}
