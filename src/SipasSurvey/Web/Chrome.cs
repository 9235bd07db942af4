using SipasSurvey.Infrastructure.Security;

namespace SipasSurvey.Web;

/// <summary>The top bar of staff pages: who is signed in, where they can go, sign-out.</summary>
public static class Chrome
{
    public static Html Header(HttpContext context, Caller? caller)
    {
        var b = new HtmlBuilder();
        b.Add($"<header class=\"top\"><div><nav aria-label=\"Chính\"><a class=\"brand\" href=\"{Paths.Home}\">SipasSurvey</a>");
        if (caller is not null && !caller.IsMachine)
        {
            if (caller.Role is Role.Staff or Role.Admin) b.Add($"<a href=\"{Paths.Counters}\">Phát phiếu</a>");
            if (caller.Role is Role.Leader or Role.Admin) b.Add($"<a href=\"{Paths.Dashboard}\">Báo cáo</a>");
            if (caller.Role is Role.Admin) b.Add($"<a href=\"{Paths.Admin}\">Quản trị</a>");
            b.Add($"<a href=\"{Paths.ChangePassword}\">{caller.Name}</a>");
            b.Add($"<form method=\"post\" action=\"{Paths.SignOut}\">{Forms.Antiforgery(context)}<button class=\"link\" type=\"submit\">Đăng xuất</button></form>");
        }
        else
        {
            b.Add($"<a href=\"{Paths.SignIn}\">Đăng nhập</a>");
        }
        b.Add($"</nav></div></header>");
        return b.ToHtml();
    }
}
