namespace SipasSurvey.Features.Admin.Counters;

internal static class Pages
{
    public static IReadOnlyList<(string Value, string Text)> Communes(IDatabase database, string provinceCode) =>
        Data.CurrentCommunes(database, provinceCode).Select(c => (c.Code, $"{c.Name} ({c.Code})")).ToList();

    public static string List(HttpContext context, IDatabase database, string provinceCode, CounterInput? draft, FieldErrors errors)
    {
        var counters = Data.List(database, provinceCode);
        var b = new HtmlBuilder();
        b.Add($"<h1>Quầy Một cửa</h1><p><a href=\"{AdminRoutes.Overview}\">← Quản trị</a></p>");
        b.Add($"<div class=\"table\"><table><thead><tr><th>Mã</th><th>Xã/phường</th><th>Quầy</th><th>Phiếu khảo sát</th><th>Trạng thái</th></tr></thead><tbody>");
        foreach (var c in counters)
            b.Add($"<tr><td>{c.Id}</td><td>{c.CommuneName}</td><td><a href=\"{AdminRoutes.CounterPath(c.Id)}\">{c.Name}</a></td><td>{c.QuestionnaireVersion}</td><td>{(c.Active ? "Đang dùng" : "Ngừng dùng")}{(c.PosterEnabled ? " · QR dán tường" : "")}</td></tr>");
        b.Add($"</tbody></table></div>");
        b.Add($"<h2>Thêm quầy</h2>{FormFields.ErrorSummary(errors)}<form method=\"post\" action=\"{AdminRoutes.Counters}\">{Forms.Antiforgery(context)}");
        b.Add(FormFields.Select("communeCode", "Xã/phường", Communes(database, provinceCode), draft?.CommuneCode, errors.For("communeCode"), allowEmpty: true));
        b.Add(FormFields.Text("name", "Tên quầy", draft?.Name, errors.For("name"), required: true));
        b.Add(FormFields.Select("questionnaireVersionId", "Phiếu khảo sát phát tại quầy",
            Data.PublishedVersions(database, provinceCode).Select(v => (v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Key)),
            draft?.QuestionnaireVersionId?.ToString(System.Globalization.CultureInfo.InvariantCulture), errors.For("questionnaireVersionId"), allowEmpty: true));
        b.Add($"<p><button type=\"submit\">Thêm quầy</button></p></form>");
        return StaffPage.Render(context, "Quầy Một cửa", b.ToHtml());
    }

    public static string Edit(HttpContext context, IDatabase database, string provinceCode, CounterRow counter, FieldErrors errors, bool saved)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>{counter.Name}</h1><p><a href=\"{AdminRoutes.Counters}\">← Danh sách quầy</a></p>");
        if (saved) b.Add($"<div class=\"notice\" role=\"status\">Đã lưu.</div>");
        b.Add($"{FormFields.ErrorSummary(errors)}<form method=\"post\" action=\"{AdminRoutes.CounterPath(counter.Id)}\">{Forms.Antiforgery(context)}");
        b.Add(FormFields.Select("communeCode", "Xã/phường", Communes(database, provinceCode), counter.CommuneCode, errors.For("communeCode")));
        b.Add(FormFields.Text("name", "Tên quầy", counter.Name, errors.For("name"), required: true));
        b.Add(FormFields.Select("questionnaireVersionId", "Phiếu khảo sát phát tại quầy",
            Data.PublishedVersions(database, provinceCode).Select(v => (v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Key)),
            counter.QuestionnaireVersionId?.ToString(System.Globalization.CultureInfo.InvariantCulture), errors.For("questionnaireVersionId")));
        b.Add(FormFields.Checkbox("active", "Đang sử dụng", counter.Active));
        b.Add(FormFields.Checkbox("posterEnabled", "Bật mã QR dán tường (phiếu không xác thực, báo cáo riêng)", counter.PosterEnabled));
        b.Add($"<p><button type=\"submit\">Lưu</button></p></form>");
        if (counter.PosterEnabled) b.Add($"<p><a href=\"{AdminRoutes.CounterPath(counter.Id)}/poster\">In mã QR dán tường (A4)</a></p>");
        b.Add($"<h2>Màn hình cho người dân</h2><p>Máy tính bảng hoặc màn hình thứ hai quay về phía người dân hiện mã QR của phiếu vừa phát (không cần in phiếu), hoặc làm máy đánh giá (kiosk) để người dân không có điện thoại trả lời ngay tại quầy.</p>");
        b.Add($"<form method=\"post\" action=\"{AdminRoutes.CounterPath(counter.Id)}/screens\">{Forms.Antiforgery(context)}<button type=\"submit\" class=\"secondary\">Tạo liên kết ghép màn hình</button></form>");
        return StaffPage.Render(context, counter.Name, b.ToHtml());
    }

}
