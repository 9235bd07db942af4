namespace SipasSurvey.Features.Home;

/// <summary>GET /: citizens find the code-entry page; staff find their work.</summary>
internal sealed class Endpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(SiteRoutes.Home);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var b = new HtmlBuilder();
        b.Add($"<h1>Khảo sát sự hài lòng tại Bộ phận Một cửa</h1>");
        b.Add($"<p>Ông/Bà vừa giải quyết thủ tục hành chính? Hãy quét mã QR trên phiếu, hoặc <a href=\"{CitizenRoutes.EnterCode}\">nhập mã trên phiếu</a> để đánh giá. Chỉ mất chưa đầy một phút.</p>");
        b.Add($"<p class=\"muted\">Tỷ lệ hài lòng được tính theo phương pháp SIPAS của Bộ Nội vụ, từ các phiếu khảo sát tại Bộ phận Một cửa.</p>");
        if (caller is not null && !caller.IsMachine)
        {
            b.Add($"<h2>Xin chào, {caller.Name}</h2><ul>");
            if (caller.Role is Role.Staff or Role.Admin) b.Add($"<li><a href=\"{CounterRoutes.List}\">Phát phiếu khảo sát tại quầy</a></li>");
            if (caller.Role is Role.Leader or Role.Admin) b.Add($"<li><a href=\"{ReportRoutes.Dashboard}\">Xem báo cáo mức độ hài lòng</a></li>");
            if (caller.Role is Role.Admin) b.Add($"<li><a href=\"{AdminRoutes.Overview}\">Quản trị: quầy, tài khoản, khóa API, phiếu khảo sát</a></li>");
            b.Add($"</ul>");
        }
        else
        {
            b.Add($"<p><a class=\"button\" href=\"{AccountRoutes.SignIn}\">Đăng nhập dành cho cán bộ</a></p>");
        }
        return Send.StringAsync(Layout.Document("vi", "SipasSurvey — Khảo sát sự hài lòng", b.ToHtml(), Chrome.Header(HttpContext, caller)), 200, "text/html; charset=utf-8", ct);
    }
}
