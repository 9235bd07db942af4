namespace SipasSurvey.Features.Admin.Units;

/// <summary>The units page: upload a commune list of the administrator's province.</summary>
internal static class Page
{
    public static string Render(HttpContext context, IReadOnlyList<SipasSurvey.Domain.ImportProblem>? problems, string? done)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Đơn vị hành chính</h1><p><a href=\"{AdminRoutes.Overview}\">← Quản trị</a></p>");
        b.Add($"<p>Tải lên danh sách xã/phường của tỉnh/thành (CSV, UTF-8): <code>ma_xa,ten,loai,ma_tinh[,hieu_luc_tu,hieu_luc_den]</code>. Tệp có lỗi sẽ không được ghi dòng nào.</p>");
        if (done is not null) b.Add($"<div class=\"notice\" role=\"status\">{done}</div>");
        if (problems is { Count: > 0 })
        {
            b.Add($"<div class=\"alert\" role=\"alert\"><p>Không nhập được: {problems.Count} lỗi.</p><ul>");
            foreach (var p in problems.Take(200)) b.Add($"<li>{p.Location}: {p.Message}</li>");
            b.Add($"</ul></div>");
        }
        b.Add($"<form method=\"post\" action=\"{AdminRoutes.Units}\" enctype=\"multipart/form-data\">{Forms.Antiforgery(context)}");
        b.Add($"<label class=\"field\" for=\"file\">Tệp CSV</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".csv,text/csv\" required>");
        b.Add($"<p><button type=\"submit\">Nhập</button></p></form>");
        return StaffPage.Render(context, "Đơn vị hành chính", b.ToHtml());
    }
}
