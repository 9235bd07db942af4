namespace SipasSurvey.Features.Admin.Audit;

/// <summary>GET /admin/audit.</summary>
internal sealed class PageEndpoint(IDatabase database) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(AdminRoutes.Audit);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(Request request, CancellationToken ct)
    {
        var entries = Data.Page(database, Caller.From(User)!.ProvinceCode, request.BeforeId, 200, request.Action);
        var b = new HtmlBuilder();
        b.Add($"<h1>Nhật ký thao tác</h1><p><a href=\"{AdminRoutes.Overview}\">← Quản trị</a></p><div class=\"table\"><table><thead><tr><th>Thời gian</th><th>Người thực hiện</th><th>Thao tác</th><th>Đối tượng</th><th>Từ</th><th>Chi tiết</th></tr></thead><tbody>");
        foreach (var e in entries)
            b.Add($"<tr><td>{Vietnamese.DateTime(e.At)}</td><td>{e.Actor}</td><td>{e.Action}</td><td>{e.Target}</td><td>{e.RemoteAddress}</td><td><code>{e.Details}</code></td></tr>");
        b.Add($"</tbody></table></div>");
        if (entries.Count == 200) b.Add($"<p><a href=\"{AdminRoutes.Audit}?beforeId={entries[^1].Id}\">Cũ hơn →</a></p>");
        return Send.StringAsync(StaffPage.Render(HttpContext, "Nhật ký thao tác", b.ToHtml()), 200, StaffPage.ContentType, ct);
    }
}
