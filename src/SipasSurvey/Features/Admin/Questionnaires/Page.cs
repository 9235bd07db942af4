namespace SipasSurvey.Features.Admin.Questionnaires;

/// <summary>The questionnaires page: versions, upload, publish.</summary>
internal static class Page
{
    public static string Render(HttpContext context, IDatabase database, IReadOnlyList<SipasSurvey.Domain.ImportProblem>? problems, string? done)
    {
        var caller = Caller.From(context.User)!;
        var b = new HtmlBuilder();
        b.Add($"<h1>Phiếu khảo sát</h1><p><a href=\"{AdminRoutes.Overview}\">← Quản trị</a></p>");
        b.Add($"<p class=\"muted\">Một phiên bản đã công bố và đã phát phiếu thì không bao giờ thay đổi; sửa nội dung bằng cách nhập phiên bản mới.</p>");
        if (done is not null) b.Add($"<div class=\"notice\" role=\"status\">{done}</div>");
        if (problems is { Count: > 0 })
        {
            b.Add($"<div class=\"alert\" role=\"alert\"><p>Không nhập được: {problems.Count} lỗi.</p><ul>");
            foreach (var p in problems) b.Add($"<li><code>{p.Location}</code>: {p.Message}</li>");
            b.Add($"</ul></div>");
        }
        b.Add($"<div class=\"table\"><table><thead><tr><th>Phiên bản</th><th>Phạm vi</th><th>Trạng thái</th><th>Số quầy dùng</th><th></th></tr></thead><tbody>");
        foreach (var v in Data.List(database, caller.ProvinceCode))
        {
            b.Add($"<tr><td>{v.Key}</td><td>{(v.OwnerProvinceCode is null ? "Toàn quốc" : "Của tỉnh/thành")}</td><td>{(v.Status == "published" ? "Đã công bố " + Vietnamese.DateTime(v.PublishedAt) : v.Status)}</td><td class=\"num\">{v.Counters}</td><td>");
            if (v.Status == "draft" && v.OwnerProvinceCode == caller.ProvinceCode) b.Add($"<form method=\"post\" action=\"{AdminRoutes.QuestionnairePublishPath(v.Id)}\">{Forms.Antiforgery(context)}<button class=\"secondary\" type=\"submit\">Công bố</button></form>");
            b.Add($"</td></tr>");
        }
        b.Add($"</tbody></table></div><h2>Nhập phiên bản mới</h2><form method=\"post\" action=\"{AdminRoutes.Questionnaires}\" enctype=\"multipart/form-data\">{Forms.Antiforgery(context)}");
        b.Add($"<label class=\"field\" for=\"file\">Tệp định nghĩa (JSON)</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".json,application/json\" required>");
        b.Add(FormFields.Checkbox("publish", "Công bố ngay", false));
        b.Add($"<p><button type=\"submit\">Nhập</button></p></form>");
        return StaffPage.Render(context, "Phiếu khảo sát", b.ToHtml());
    }
}
