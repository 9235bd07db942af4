namespace SipasSurvey.Features.Admin.Overview;

/// <summary>GET /admin: what an administrator manages.</summary>
internal sealed class PageEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AdminRoutes.Overview);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Quản trị</h1><ul>");
        b.Add($"<li><a href=\"{AdminRoutes.Counters}\">Quầy Một cửa</a>: thêm, sửa, chọn phiếu khảo sát, mã QR dán tường</li>");
        b.Add($"<li><a href=\"{AdminRoutes.Users}\">Tài khoản</a>: cán bộ, lãnh đạo, quản trị viên; gán quầy; khóa tài khoản</li>");
        b.Add($"<li><a href=\"{AdminRoutes.ApiKeys}\">Khóa API</a>: phần mềm Một cửa, công cụ báo cáo</li>");
        b.Add($"<li><a href=\"{AdminRoutes.Questionnaires}\">Phiếu khảo sát</a>: nhập, công bố phiên bản</li>");
        b.Add($"<li><a href=\"{AdminRoutes.Units}\">Đơn vị hành chính</a>: nhập danh sách xã/phường</li>");
        b.Add($"<li><a href=\"{AdminRoutes.Audit}\">Nhật ký thao tác</a></li></ul>");
        return Send.StringAsync(StaffPage.Render(HttpContext, "Quản trị", b.ToHtml()), 200, StaffPage.ContentType, ct);
    }
}
