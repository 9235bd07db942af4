using CounterData = SipasSurvey.Features.Admin.Counters.Data;

namespace SipasSurvey.Features.Admin.ApiKeys;

internal static class Pages
{
    public static string List(HttpContext context, IDatabase database, string provinceCode, ApiKeyInput? draft, FieldErrors errors, string? newKey = null)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Khóa API</h1><p><a href=\"{AdminRoutes.Overview}\">← Quản trị</a></p>");
        b.Add($"<p class=\"muted\">Phần mềm Một cửa dùng khóa phạm vi <b>slips</b> để tạo phiếu cho các quầy được gán; công cụ báo cáo của thành phố dùng khóa <b>reports</b> (chỉ đọc).</p>");
        if (newKey is not null)
            b.Add($"<div class=\"notice\" role=\"status\">Khóa mới (chỉ hiện một lần, hãy sao chép ngay): <code>{newKey}</code></div>");
        b.Add($"<div class=\"table\"><table><thead><tr><th>Tên</th><th>Tiền tố</th><th>Phạm vi</th><th>Dùng lần cuối</th><th>Trạng thái</th></tr></thead><tbody>");
        foreach (var k in Data.List(database, provinceCode))
        {
            var scope = k.Scope == "slips" ? "slips: quầy " + string.Join(", ", k.CounterIds) : "reports: " + (k.CommuneCode ?? "cả tỉnh/thành");
            b.Add($"<tr><td>{k.Name}</td><td><code>{k.Prefix}…</code></td><td>{scope}</td><td>{Vietnamese.DateTime(k.LastUsedAt)}</td><td>");
            if (k.RevokedAt is { } revoked) b.Add($"Đã thu hồi {Vietnamese.DateTime(revoked)}");
            else b.Add($"<form method=\"post\" action=\"{AdminRoutes.ApiKeyRevokePath(k.Id)}\">{Forms.Antiforgery(context)}<button class=\"secondary\" type=\"submit\">Thu hồi</button></form>");
            b.Add($"</td></tr>");
        }
        b.Add($"</tbody></table></div><h2>Tạo khóa</h2>{FormFields.ErrorSummary(errors)}<form method=\"post\" action=\"{AdminRoutes.ApiKeys}\">{Forms.Antiforgery(context)}");
        b.Add(FormFields.Text("name", "Tên (ví dụ: Phần mềm Một cửa phường Hoàn Kiếm)", draft?.Name, errors.For("name"), required: true));
        b.Add(FormFields.Select("scope", "Phạm vi", [("slips", "slips — tạo phiếu cho các quầy đã chọn"), ("reports", "reports — đọc báo cáo")], draft?.Scope, errors.For("scope")));
        b.Add($"<fieldset><legend>Quầy (phạm vi slips)</legend><div class=\"choices\">");
        foreach (var counter in CounterData.List(database, provinceCode).Where(c => c.Active))
            b.Add($"<label><input type=\"checkbox\" name=\"counterIds\" value=\"{counter.Id}\"{new Html(draft?.CounterIds?.Contains(counter.Id) == true ? " checked" : "")}> {counter.CommuneName} — {counter.Name}</label>");
        b.Add($"</div>{(errors.For("counterIds") is { } e ? new HtmlBuilder().Add($"<p class=\"error\">{e}</p>").ToHtml() : Html.Empty)}</fieldset>");
        b.Add(FormFields.Select("communeCode", "Xã/phường (phạm vi reports; để trống = cả tỉnh/thành)", Counters.Pages.Communes(database, provinceCode), draft?.CommuneCode, errors.For("communeCode"), allowEmpty: true));
        b.Add($"<p><button type=\"submit\">Tạo khóa</button></p></form>");
        return StaffPage.Render(context, "Khóa API", b.ToHtml());
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
