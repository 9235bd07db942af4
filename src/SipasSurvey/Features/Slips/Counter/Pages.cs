using SipasSurvey.Domain.Slips;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Slips.Issue;
using SipasSurvey.Features.Slips.List;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Counter;

internal static class Pages
{
    public static string DeskPath(long counterId) => $"{CounterRoutes.List}/{counterId}";

    public static string PrintPath(long counterId, long batchOrSlip, bool batch, string format) =>
        $"{CounterRoutes.List}/{counterId}/print?{(batch ? "batch" : "slip")}={batchOrSlip}&format={format}";

    public static string StateLabel(SlipState state) => state switch
    {
        SlipState.Unused => "Chưa trả lời",
        SlipState.Answered => "Đã trả lời",
        SlipState.Expired => "Hết hạn",
        _ => "Đã thu hồi",
    };

    private static IReadOnlyList<(string Value, string Text)> Fields(HttpContext context) =>
        context.RequestServices.GetRequiredService<Units.ProcedureFields>().Active().Select(n => (n, n)).ToList();

    public static string Desk(HttpContext context, IDatabase database, ServerKeys keys, CounterInfo counter, DateOnly day, DateTimeOffset now,
        IssueInput? draft, string? format, FieldErrors errors, string? notice)
    {
        var slips = List.Data.ForDay(database, counter.Id, day);
        var b = new HtmlBuilder(8192);
        b.Add($"<h1>{counter.Name}</h1><p class=\"muted\">{counter.CommuneName} · <a href=\"{CounterRoutes.List}\">các quầy khác</a> · <a href=\"{CounterRoutes.ScreenPath(counter.Id)}\" target=\"_blank\">màn hình cho người dân</a> · <a href=\"{CounterRoutes.KioskPath(counter.Id)}\" target=\"_blank\">máy đánh giá tại quầy (kiosk)</a></p>");
        if (notice is not null) b.Add($"<div class=\"notice\" role=\"status\">{notice}</div>");
        b.Add($"<h2>Phát phiếu khảo sát</h2>{FormFields.ErrorSummary(errors)}<form method=\"post\" action=\"{DeskPath(counter.Id)}/slips\">{Forms.Antiforgery(context)}");
        b.Add(FormFields.Text("count", "Số phiếu (1 sau mỗi giao dịch; nhiều hơn để in sẵn cả tờ)", (draft?.Count ?? 1).ToString(CultureInfo.InvariantCulture), errors.For("count"), type: "number"));
        b.Add(FormFields.Select("field", "Lĩnh vực (không bắt buộc)", Fields(context), draft?.Field, errors.For("field"), allowEmpty: true));
        b.Add(FormFields.Text("procedureCode", "Mã thủ tục (không bắt buộc, ví dụ 1.001193)", draft?.ProcedureCode, errors.For("procedureCode")));
        b.Add(FormFields.Text("dossierCode", "Mã hồ sơ (không bắt buộc; không in trên phiếu)", draft?.DossierCode, errors.For("dossierCode")));
        b.Add(FormFields.Select("format", "Khổ giấy", [("58mm", "Máy in nhiệt 58 mm"), ("80mm", "Máy in nhiệt 80 mm"), ("a4", "Giấy A4 (nhiều phiếu, có đường cắt)")], format ?? "58mm", null));
        b.Add($"<p><button type=\"submit\" class=\"submit\">Phát phiếu và in</button></p></form>");

        var counts = slips.GroupBy(s => s.StateAt(now)).ToDictionary(g => g.Key, g => g.Count());
        b.Add($"<h2>Phiếu ngày {Vietnamese.Date(day)}</h2><p>");
        foreach (var state in Enum.GetValues<SlipState>()) b.Add($"{StateLabel(state)}: <b>{counts.GetValueOrDefault(state)}</b> · ");
        b.Add($"<a href=\"{DeskPath(counter.Id)}?day={VietnamTime.DayKey(day.AddDays(-1))}\">ngày trước</a></p>");
        b.Add($"<div class=\"table\"><table><thead><tr><th>Giờ</th><th>Mã phiếu</th><th>Trạng thái</th><th>Lĩnh vực / thủ tục</th><th>Mã hồ sơ</th><th></th></tr></thead><tbody>");
        foreach (var slip in slips)
        {
            var state = slip.StateAt(now);
            b.Add($"<tr><td>{VietnamTime.ToLocal(slip.IssuedAt):HH:mm}</td><td><code>{(state == SlipState.Answered ? "—" : FallbackCode.Format(SlipSecrets.Code(keys.TokenKey, slip.Seed)))}</code></td><td>{StateLabel(state)}</td>");
            b.Add($"<td>{slip.Field} {slip.ProcedureCode}</td><td>{slip.DossierCode}</td><td>");
            if (state == SlipState.Unused)
            {
                b.Add($"<a href=\"{PrintPath(counter.Id, slip.Id, false, "58mm")}\">In lại</a> ");
                b.Add($"<form method=\"post\" action=\"{DeskPath(counter.Id)}/slips/{slip.Id}/revoke\">{Forms.Antiforgery(context)}<button class=\"secondary\" type=\"submit\">Thu hồi</button></form>");
            }
            b.Add($"</td></tr>");
        }
        b.Add($"</tbody></table></div>");
        return StaffPage.Render(context, counter.Name, b.ToHtml());
    }
}
