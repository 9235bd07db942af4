using SipasSurvey.Domain.Time;

namespace SipasSurvey.Features.Reports.Dashboard;

/// <summary>The commune dashboard a chairman opens on a phone in the morning.</summary>
internal static class CommunePage
{

    public static async Task<string> RenderAsync(HttpContext context, ReportQuery reports, Infrastructure.Database.IDatabase database, UnitName commune,
        string view, Period period, bool excludeFlagged, string? search, DateOnly today)
    {
        var report = await reports.CommuneAsync(commune.Code, commune.Name, period, "slip", excludeFlagged);
        var trendPeriod = period.Days <= 92 ? period : Period.Between(today.AddDays(-29), today);
        var daily = reports.Daily(commune.Code, trendPeriod, "slip", excludeFlagged);
        var b = new HtmlBuilder(32_000);
        var flaggedQuery = excludeFlagged ? "&flagged=exclude" : "";
        b.Add($"<h1>Mức độ hài lòng — {commune.Name}</h1>");
        b.Add($"<p class=\"muted\">Tỷ lệ hài lòng (khảo sát tại Bộ phận Một cửa, theo phương pháp SIPAS). Không phải Chỉ số SIPAS do Bộ Nội vụ điều tra.</p>");
        var current = Quarter.Of(today);
        b.Add($"<nav aria-label=\"Kỳ báo cáo\"><p>");
        foreach (var (key, label) in new[] { ("today", "Hôm nay"), ("30d", "30 ngày qua"), ("quarter", $"Quý này ({current})"), ("previous", $"Quý trước ({current.Previous})") })
            b.Add($"<a href=\"{ReportRoutes.CommunePagePath(commune.Code)}?view={key}{new Html(flaggedQuery)}\"{new Html(key == view ? " aria-current=\"page\"" : "")}>{label}</a> · ");
        b.Add($"<a href=\"{ReportRoutes.CommunePagePath(commune.Code)}?view={view}{new Html(excludeFlagged ? "" : "&flagged=exclude")}\">{(excludeFlagged ? "Tính cả phản hồi bị gắn cờ" : "Bỏ phản hồi bị gắn cờ")}</a></p></nav>");
        b.Add($"<h2>Kỳ: {Label(period)}</h2>");
        if (report.LowSample) b.Add($"<div class=\"alert\" role=\"status\">Mới có {report.Responses} phản hồi (dưới 30): các tỷ lệ dưới đây chưa đủ tin cậy.</div>");
        b.Add($"<div class=\"tiles\">");
        Tile(b, "Tỷ lệ hài lòng", Vietnamese.Percent(report.ServiceIndex), report.SatisfiedCi95Low is null ? null : $"KTC 95%: {Vietnamese.Percent(report.SatisfiedCi95Low)}–{Vietnamese.Percent(report.SatisfiedCi95High)}");
        Tile(b, "Số phản hồi", Vietnamese.Count(report.Responses), null);
        Tile(b, "Số phiếu phát", Vietnamese.Count(report.SlipsIssued), null);
        Tile(b, "Tỷ lệ phản hồi", Vietnamese.Percent(report.ResponseRate), null);
        Tile(b, "Điểm trung bình", Vietnamese.Number(report.MeanScore), "thang 1–5");
        Tile(b, "Không hài lòng", Vietnamese.Percent(report.DissatisfiedShare), "mức 1–2");
        b.Add($"</div>");
        if (report.Previous is { } previous)
        {
            var change = report.ServiceIndex - previous.ServiceIndex;
            b.Add($"<p>So với {previous.Period}: {Vietnamese.Percent(previous.ServiceIndex)} ({Vietnamese.Count(previous.Responses)} phản hồi)");
            if (change is { } delta) b.Add($"; thay đổi {(delta >= 0 ? "+" : "−")}{Vietnamese.Number(Math.Abs(delta))} điểm");
            b.Add($".</p>");
        }
        if (report.FlaggedResponses > 0 || report.PosterResponses > 0 || report.KioskResponses > 0)
        {
            b.Add($"<h2>Cần xem xét</h2><p class=\"flag\">{Vietnamese.Count(report.FlaggedResponses)} phản hồi có dấu hiệu cần kiểm tra (vẫn được giữ lại; xem số liệu khi bỏ chúng bằng liên kết ở trên):</p><ul>");
            foreach (var (signal, label) in SignalLabels)
                if (report.Signals.GetValueOrDefault(signal) is > 0 and var count) b.Add($"<li>{label}: <b>{Vietnamese.Count(count)}</b></li>");
            if (report.PosterResponses > 0) b.Add($"<li>Phản hồi từ mã QR dán tường (không xác thực, báo cáo riêng): <b>{Vietnamese.Count(report.PosterResponses)}</b></li>");
            if (report.KioskResponses > 0) b.Add($"<li>Phản hồi trên máy đánh giá tại quầy (kiosk, báo cáo riêng): <b>{Vietnamese.Count(report.KioskResponses)}</b></li>");
            b.Add($"</ul>");
        }

        b.Add($"<h2>Theo yếu tố</h2>");
        b.Add(Charts.Bars("components", "Tỷ lệ hài lòng theo yếu tố", report.Components.Select(c => (c.Label, c.Index)).ToList()));
        b.Add($"<h2>Diễn biến theo ngày</h2>");
        b.Add(Charts.Trend("trend", "Tỷ lệ câu trả lời hài lòng theo ngày",
            "Đường: tỷ lệ câu trả lời mức 4–5 trên tổng câu trả lời mỗi ngày; dải: khoảng tin cậy 95% (Wilson), rộng khi ít phản hồi.",
            daily.Days.Select(d => new ChartPoint(d.Day[8..] + "/" + d.Day[5..7], d.SatisfiedShare, d.Ci95Low, d.Ci95High)).ToList()));
        b.Add($"<details><summary>Số liệu theo ngày</summary><div class=\"table\"><table><thead><tr><th>Ngày</th><th class=\"num\">Phản hồi</th><th class=\"num\">Phiếu phát</th><th class=\"num\">Tỷ lệ hài lòng</th><th class=\"num\">KTC 95%</th></tr></thead><tbody>");
        foreach (var d in daily.Days.Where(d => d.Responses > 0 || d.SlipsIssued > 0).Reverse())
            b.Add($"<tr><td>{d.Day}</td><td class=\"num\">{d.Responses}</td><td class=\"num\">{d.SlipsIssued}</td><td class=\"num\">{Vietnamese.Percent(d.ServiceIndex)}</td><td class=\"num\">{Vietnamese.Percent(d.Ci95Low)}–{Vietnamese.Percent(d.Ci95High)}</td></tr>");
        b.Add($"</tbody></table></div></details>");

        foreach (var version in report.Versions)
        {
            b.Add($"<h2>Tiêu chí — phiếu {version.QuestionnaireVersion} ({Vietnamese.Count(version.Responses)} phản hồi)</h2><div class=\"table\"><table><thead><tr><th>Tiêu chí</th><th class=\"num\">Tỷ lệ</th><th class=\"num\">KTC 95%</th><th class=\"num\">n</th></tr></thead><tbody>");
            foreach (var item in report.Items.Where(i => i.QuestionnaireVersion == version.QuestionnaireVersion))
                b.Add($"<tr><td>{item.Id}. {item.Text}</td><td class=\"num\">{Vietnamese.Percent(item.Rate)}</td><td class=\"num\">{Vietnamese.Percent(item.Ci95Low)}–{Vietnamese.Percent(item.Ci95High)}</td><td class=\"num\">{item.Answers}{(item.LowSample ? " *" : "")}</td></tr>");
            b.Add($"</tbody></table></div>");
        }

        foreach (var (dimension, label) in new[] { ("counter", "Theo quầy"), ("staff", "Theo cán bộ"), ("field", "Theo lĩnh vực"), ("procedure", "Theo thủ tục") })
        {
            var breakdown = reports.Breakdown(commune.Code, dimension, period, "slip", excludeFlagged);
            if (breakdown.Rows.Count == 0) continue;
            b.Add($"<h2>{label}</h2><div class=\"table\"><table><thead><tr><th>{label[4..]}</th><th class=\"num\">Tỷ lệ hài lòng</th><th class=\"num\">Phản hồi</th><th class=\"num\">Tỷ lệ phản hồi</th></tr></thead><tbody>");
            foreach (var row in breakdown.Rows)
                b.Add($"<tr><td>{row.Label}</td><td class=\"num\">{Vietnamese.Percent(row.ServiceIndex)}</td><td class=\"num\">{row.Responses}{(row.LowSample ? " *" : "")}</td><td class=\"num\">{Vietnamese.Percent(row.ResponseRate)}</td></tr>");
            b.Add($"</tbody></table></div>");
        }
        b.Add($"<p class=\"muted\">* dưới 30 câu trả lời: chưa đủ tin cậy.</p>");

        var comments = Comments.Data.Recent(database, commune.Code, period, search, null, 30);
        b.Add($"<h2>Ý kiến của người dân</h2><form method=\"get\" action=\"{ReportRoutes.CommunePagePath(commune.Code)}\"><input type=\"hidden\" name=\"view\" value=\"{view}\">");
        b.Add($"<label class=\"field\" for=\"q\">Tìm trong ý kiến (không phân biệt dấu)</label><input type=\"text\" id=\"q\" name=\"q\" value=\"{search}\"> <button type=\"submit\" class=\"secondary\">Tìm</button></form>");
        if (comments.Count == 0) b.Add($"<p>Chưa có ý kiến nào{(search is null ? "" : " khớp với từ tìm kiếm")}.</p>");
        b.Add($"<ul>");
        foreach (var comment in comments)
            b.Add($"<li><p>{comment.Comment}</p><p class=\"muted\">{Vietnamese.DateTime(comment.SubmittedAt)}{(comment.Field is null ? "" : " · " + comment.Field)}{(comment.Flags != 0 ? " · có cờ kiểm tra" : "")}</p></li>");
        b.Add($"</ul>");

        var query = period.Quarter is { } q ? $"quarter={q}" : $"from={period.FromKey}&to={period.ToKey}";
        b.Add($"<h2>Xuất số liệu</h2><ul>");
        b.Add($"<li>Báo cáo kỳ: <a href=\"{ReportRoutes.CommunePath(commune.Code)}/export.xlsx?{new Html(query)}\">Excel</a> · <a href=\"{ReportRoutes.CommunePath(commune.Code)}/export.csv?{new Html(query)}\">CSV</a></li>");
        b.Add($"<li>Từng phản hồi (cho phân tích): <a href=\"{ReportRoutes.CommunePath(commune.Code)}/responses.xlsx?{new Html(query)}\">Excel</a> · <a href=\"{ReportRoutes.CommunePath(commune.Code)}/responses.csv?{new Html(query)}\">CSV</a></li></ul>");
        return StaffPage.Render(context, "Báo cáo — " + commune.Name, b.ToHtml());
    }

    private static readonly (string Signal, string Label)[] SignalLabels =
    [
        ("quickAfterPrint", "Trả lời chỉ vài giây sau khi in phiếu"),
        ("counterNetwork", "Gửi từ cùng mạng với máy in phiếu của quầy"),
        ("repeatDevice", "Một thiết bị trả lời nhiều phiếu trong ngày"),
        ("topScoreStreak", "Chuỗi toàn điểm tối đa cao bất thường so với thường lệ của xã/phường"),
    ];

    public static (Period Period, string View) Choose(string? view, DateOnly today) => view switch
    {
        "today" => (Period.Between(today, today), "today"),
        "30d" => (Period.Between(today.AddDays(-29), today), "30d"),
        "previous" => (Period.Of(Quarter.Of(today).Previous), "previous"),
        _ => (Period.Of(Quarter.Of(today)), "quarter"),
    };

    private static string Label(Period period) => period.Quarter is { } q
        ? $"Quý {q.Number}/{q.Year} ({Vietnamese.Date(period.From)} – {Vietnamese.Date(period.To)})"
        : period.From == period.To ? Vietnamese.Date(period.From) : $"{Vietnamese.Date(period.From)} – {Vietnamese.Date(period.To)}";

    private static void Tile(HtmlBuilder b, string label, string value, string? note) =>
        b.Add($"<div class=\"tile\"><span>{label}</span><b>{value}</b>{(note is null ? Html.Empty : new HtmlBuilder().Add($"<span class=\"muted\">{note}</span>").ToHtml())}</div>");

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
