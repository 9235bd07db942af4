using CounterData = SipasSurvey.Features.Admin.Counters.Data;

namespace SipasSurvey.Features.Admin.Users;

internal static class Pages
{
    private static readonly (string, string)[] Roles =
        [("staff", "Cán bộ Một cửa"), ("leader", "Lãnh đạo xã/phường"), ("admin", "Quản trị viên tỉnh/thành")];

    public static string List(HttpContext context, IDatabase database, string provinceCode, UserInput? draft, FieldErrors errors, (string Username, string Password)? created = null)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>Tài khoản</h1><p><a href=\"{AdminRoutes.Overview}\">← Quản trị</a></p>");
        if (created is { } c)
            b.Add($"<div class=\"notice\" role=\"status\">Đã tạo tài khoản <b>{c.Username}</b>. Mật khẩu tạm thời (chỉ hiện một lần): <code>{c.Password}</code></div>");
        b.Add($"<div class=\"table\"><table><thead><tr><th>Tên đăng nhập</th><th>Họ tên</th><th>Vai trò</th><th>Xã/phường</th><th>Quầy</th><th>Trạng thái</th></tr></thead><tbody>");
        foreach (var u in Data.List(database, provinceCode))
            b.Add($"<tr><td><a href=\"{AdminRoutes.UserPath(u.Id)}\">{u.Username}</a></td><td>{u.DisplayName}</td><td>{u.Role}</td><td>{u.CommuneName}</td><td>{string.Join(", ", u.CounterIds)}</td><td>{(u.Active ? "Đang dùng" : "Đã khóa")}</td></tr>");
        b.Add($"</tbody></table></div><h2>Thêm tài khoản</h2>{FormFields.ErrorSummary(errors)}");
        b.Add($"<form method=\"post\" action=\"{AdminRoutes.Users}\">{Forms.Antiforgery(context)}");
        b.Add(FormFields.Text("username", "Tên đăng nhập", draft?.Username, errors.For("username"), required: true));
        b.Add(FormFields.Text("displayName", "Họ tên", draft?.DisplayName, errors.For("displayName"), required: true));
        b.Add(FormFields.Select("role", "Vai trò", Roles, draft?.Role, errors.For("role")));
        b.Add(FormFields.Select("communeCode", "Xã/phường (cán bộ, lãnh đạo)", Counters.Pages.Communes(database, provinceCode), draft?.CommuneCode, errors.For("communeCode"), allowEmpty: true));
        b.Add(CounterChoices(database, provinceCode, draft?.CounterIds ?? [], errors.For("counterIds")));
        b.Add($"<p><button type=\"submit\">Tạo tài khoản</button></p></form>");
        return StaffPage.Render(context, "Tài khoản", b.ToHtml());
    }

    public static string Edit(HttpContext context, IDatabase database, string provinceCode, UserRow user, FieldErrors errors, string? notice, string? temporaryPassword = null)
    {
        var b = new HtmlBuilder();
        b.Add($"<h1>{user.DisplayName}</h1><p class=\"muted\">{user.Username}</p><p><a href=\"{AdminRoutes.Users}\">← Danh sách tài khoản</a></p>");
        if (notice is not null) b.Add($"<div class=\"notice\" role=\"status\">{notice}</div>");
        if (temporaryPassword is not null) b.Add($"<div class=\"notice\" role=\"status\">Mật khẩu tạm thời mới (chỉ hiện một lần): <code>{temporaryPassword}</code></div>");
        b.Add($"{FormFields.ErrorSummary(errors)}<form method=\"post\" action=\"{AdminRoutes.UserPath(user.Id)}\">{Forms.Antiforgery(context)}");
        b.Add(FormFields.Text("displayName", "Họ tên", user.DisplayName, errors.For("displayName"), required: true));
        b.Add(FormFields.Select("role", "Vai trò", Roles, user.Role, errors.For("role")));
        b.Add(FormFields.Select("communeCode", "Xã/phường", Counters.Pages.Communes(database, provinceCode), user.CommuneCode, errors.For("communeCode"), allowEmpty: true));
        b.Add(CounterChoices(database, provinceCode, user.CounterIds, errors.For("counterIds")));
        b.Add(FormFields.Checkbox("active", "Đang sử dụng (bỏ chọn để khóa tài khoản)", user.Active));
        b.Add($"<p><button type=\"submit\">Lưu</button></p></form>");
        b.Add($"<h2>Đặt lại mật khẩu</h2><form method=\"post\" action=\"{AdminRoutes.UserPath(user.Id)}/reset-password\">{Forms.Antiforgery(context)}<p><button class=\"secondary\" type=\"submit\">Tạo mật khẩu tạm thời mới</button></p></form>");
        return StaffPage.Render(context, user.DisplayName, b.ToHtml());
    }

    private static Html CounterChoices(IDatabase database, string provinceCode, IReadOnlyList<long> selected, string? error)
    {
        var b = new HtmlBuilder().Add($"<fieldset class=\"{(error is null ? "" : "invalid")}\"><legend>Quầy được phát phiếu (cán bộ Một cửa)</legend><div class=\"choices\">");
        foreach (var counter in CounterData.List(database, provinceCode).Where(c => c.Active))
            b.Add($"<label><input type=\"checkbox\" name=\"counterIds\" value=\"{counter.Id}\"{new Html(selected.Contains(counter.Id) ? " checked" : "")}> {counter.CommuneName} — {counter.Name}</label>");
        b.Add($"</div>");
        if (error is not null) b.Add($"<p class=\"error\">{error}</p>");
        return b.Add($"</fieldset>").ToHtml();
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
