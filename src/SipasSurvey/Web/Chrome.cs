namespace SipasSurvey.Web;

/// <summary>The top bar of staff pages: who is signed in, where they can go, sign-out.</summary>
internal static class Chrome
{
    public static Html Header(HttpContext context, Caller? caller)
    {
        var b = new HtmlBuilder();
        b.Add($"<header class=\"top\"><div><nav aria-label=\"Chính\"><a class=\"brand\" href=\"{SiteRoutes.Home}\">SipasSurvey</a>");
        if (caller is not null && !caller.IsMachine)
        {
            if (caller.Role is Role.Staff or Role.Admin) b.Add($"<a href=\"{CounterRoutes.List}\">Phát phiếu</a>");
            if (caller.Role is Role.Leader or Role.Admin) b.Add($"<a href=\"{ReportRoutes.Dashboard}\">Báo cáo</a>");
            if (caller.Role is Role.Leader) b.Add($"<a href=\"{AccountRoutes.Digest}\">Tin hằng ngày</a>");
            if (caller.Role is Role.Admin) b.Add($"<a href=\"{AdminRoutes.Overview}\">Quản trị</a>");
            b.Add($"<a href=\"{AccountRoutes.ChangePassword}\">{caller.Name}</a>");
            b.Add($"<form method=\"post\" action=\"{AccountRoutes.SignOut}\">{Forms.Antiforgery(context)}<button class=\"link\" type=\"submit\">Đăng xuất</button></form>");
        }
        else
        {
            b.Add($"<a href=\"{AccountRoutes.SignIn}\">Đăng nhập</a>");
        }
        b.Add($"</nav></div></header>");
        return b.ToHtml();
    }
}
