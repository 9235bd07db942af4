using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Dashboard;

internal sealed class ProvincePageRequest
{
    public string ProvinceCode { get; set; } = "";
    [QueryParam] public string? Quarter { get; set; }
    [QueryParam] public string? Sort { get; set; }
}

/// <summary>GET /reports/provinces/{provinceCode}: every commune ranked for a quarter, sortable by component.</summary>
internal sealed class ProvincePageEndpoint(AccessScope scope, ReportQuery reports, TimeProvider clock) : Endpoint<ProvincePageRequest>
{
    public override void Configure()
    {
        Get(ReportRoutes.ProvincePage);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(ProvincePageRequest request, CancellationToken ct)
    {
        var name = ReportParameters.ReadableProvince(scope, Caller.From(User)!, request.ProvinceCode)?.Name;
        if (name is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var today = VietnamTime.DateOf(clock.GetUtcNow());
        var quarter = Domain.Time.Quarter.TryParse(request.Quarter, out var q) ? q : Domain.Time.Quarter.Of(today);
        var sort = request.Sort is { } s && Ranking.Validator.ComponentId().IsMatch(s) ? s : "serviceIndex";
        var ranking = await reports.RankingAsync(request.ProvinceCode, name, Period.Of(quarter), sort, "slip", false);
        var path = ReportRoutes.ProvincePagePath(request.ProvinceCode);
        var b = new HtmlBuilder(32_000);
        b.Add($"<h1>Xếp hạng mức độ hài lòng — {name}</h1><p class=\"muted\">Tỷ lệ hài lòng (khảo sát tại Bộ phận Một cửa, theo phương pháp SIPAS), quý {quarter.Number}/{quarter.Year}. Các đơn vị bằng điểm cùng hạng.</p>");
        b.Add($"<p><a href=\"{path}?quarter={quarter.Previous}&sort={sort}\">← {quarter.Previous}</a> · <b>{quarter}</b> · <a href=\"{path}?quarter={new Quarter(quarter.Number == 4 ? quarter.Year + 1 : quarter.Year, quarter.Number == 4 ? 1 : quarter.Number + 1)}&sort={sort}\">→</a></p>");
        b.Add($"<p>Xuất: <a href=\"{ReportRoutes.RankingPath(request.ProvinceCode)}.xlsx?quarter={quarter}&sort={sort}\">Excel</a> · <a href=\"{ReportRoutes.RankingPath(request.ProvinceCode)}.csv?quarter={quarter}&sort={sort}\">CSV</a> · <a href=\"/api/v1/reports/provinces/{request.ProvinceCode}/responses.csv?quarter={quarter}\">từng phản hồi (CSV)</a></p>");
        if (ranking.Note is { } note) b.Add($"<p class=\"notice\" id=\"comparison\">{note}</p>");
        var mixed = ranking.Comparison == "sharedComponents";
        // The commune column stays in view while a phone scrolls the figures sideways; component names
        // are short in the header, the full name on hover and for screen readers (abbr title).
        b.Add($"<div class=\"ranking\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng xếp hạng\"><table><thead><tr><th scope=\"col\" class=\"unit\">Xã/phường</th><th scope=\"col\">Hạng</th>");
        b.Add($"<th scope=\"col\" class=\"num\"><a href=\"{path}?quarter={quarter}&sort=serviceIndex\">Tỷ lệ hài lòng</a></th>");
        if (mixed) b.Add($"<th scope=\"col\" class=\"num\"><a href=\"{path}?quarter={quarter}&sort=serviceIndex\"><abbr title=\"Trung bình {ranking.ComparedComponents.Count} thành phần chung — cột dùng để xếp hạng\">Điểm so sánh</abbr></a></th>");
        foreach (var component in ranking.Components)
            b.Add($"<th scope=\"col\" class=\"num\"><a href=\"{path}?quarter={quarter}&sort={component.Id}\"><abbr title=\"{component.Label}\">{component.ShortLabel}</abbr></a></th>");
        b.Add($"<th scope=\"col\" class=\"num\">Phản hồi</th></tr></thead><tbody>");
        foreach (var row in ranking.Rows.Where(r => r.Rank is not null))
        {
            b.Add($"<tr><th scope=\"row\" class=\"unit\"><a href=\"{ReportRoutes.CommunePagePath(row.CommuneCode)}?view=quarter\">{row.Name}</a></th><td>{row.RankLabel}</td><td class=\"num\">{Vietnamese.Percent(row.ServiceIndex)}</td>");
            if (mixed) b.Add($"<td class=\"num\">{Vietnamese.Percent(row.ComparedIndex)}</td>");
            foreach (var component in ranking.Components) b.Add($"<td class=\"num\">{Vietnamese.Percent(row.Components.GetValueOrDefault(component.Id))}</td>");
            b.Add($"<td class=\"num\">{row.Responses}{(row.LowSample ? " *" : "")}</td></tr>");
        }
        b.Add($"</tbody></table></div><p class=\"muted\">* dưới 30 phản hồi. «—»: phiếu của đơn vị không có thành phần này, hoặc chưa ai trả lời. {ranking.Rows.Count(r => r.Rank is null)} đơn vị chưa được xếp hạng (chưa có phản hồi trong quý, hoặc chưa có điểm ở cột đang xếp).</p>");
        await Send.StringAsync(StaffPage.Render(HttpContext, "Xếp hạng — " + name, b.ToHtml()), 200, StaffPage.ContentType, ct);
    }
}
