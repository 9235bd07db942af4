namespace SipasSurvey.Features.Accounts.ChangePassword;

internal static class Page
{
    public static string Render(HttpContext context, Caller caller, string? error, bool done)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Đổi mật khẩu</h1><p class=\"muted\">Tài khoản: <b>{caller.Name}</b> — {Caller.RoleLabel(caller.Role)}</p>");
        if (caller.MustChangePassword && !done)
            b.Add($"<div class=\"notice\" role=\"status\">Mật khẩu hiện tại là mật khẩu tạm thời do quản trị viên cấp. Vui lòng đặt mật khẩu của riêng Ông/Bà trước khi tiếp tục.</div>");
        if (done) b.Add($"<div class=\"notice\" role=\"status\">Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã kết thúc.</div>");
        if (error is not null) b.Add($"<div class=\"alert\" role=\"alert\">{error}</div>");
        b.Add($"<form method=\"post\" action=\"{AccountRoutes.ChangePassword}\">{Forms.Antiforgery(context)}");
        b.Add($"<label class=\"field\" for=\"current\">Mật khẩu hiện tại</label><input type=\"password\" id=\"current\" name=\"currentPassword\" autocomplete=\"current-password\" required>");
        b.Add($"<label class=\"field\" for=\"new\">Mật khẩu mới (ít nhất {Passwords.MinLength} ký tự; có thể là một câu dễ nhớ)</label><input type=\"password\" id=\"new\" name=\"newPassword\" autocomplete=\"new-password\" required minlength=\"{Passwords.MinLength}\">");
        b.Add($"<label class=\"field\" for=\"confirm\">Nhập lại mật khẩu mới</label><input type=\"password\" id=\"confirm\" name=\"confirmPassword\" autocomplete=\"new-password\" required>");
        b.Add($"<p><button type=\"submit\" class=\"submit\">Đổi mật khẩu</button></p></form>");
        return Layout.Document("vi", "Đổi mật khẩu — SipasSurvey", b.ToHtml(), Chrome.Header(context, caller));
    }
}
