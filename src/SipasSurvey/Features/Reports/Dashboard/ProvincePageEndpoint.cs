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
internal sealed class ProvincePageEndpoint(IDatabase database, ReportQuery reports, TimeProvider clock) : Endpoint<ProvincePageRequest>
{
    public override void Configure()
    {
        Get(ReportRoutes.ProvincePage);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(ProvincePageRequest request, CancellationToken ct)
    {
        var name = ReportParameters.ReadableProvince(database, Caller.From(User)!, request.ProvinceCode)?.Name;
        if (name is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var today = VietnamTime.DateOf(clock.GetUtcNow());
        var quarter = Domain.Time.Quarter.TryParse(request.Quarter, out var q) ? q : Domain.Time.Quarter.Of(today);
        var sort = request.Sort is { } s && Ranking.Validator.ComponentId().IsMatch(s) ? s : "serviceIndex";
        var ranking = reports.Ranking(request.ProvinceCode, name, Period.Of(quarter), sort, "slip", false);
        var components = ranking.Rows.SelectMany(r => r.Components.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var path = ReportRoutes.ProvincePagePath(request.ProvinceCode);
        var b = new HtmlBuilder(32_000);
        b.Add($"<h1>Xếp hạng mức độ hài lòng — {name}</h1><p class=\"muted\">Tỷ lệ hài lòng (khảo sát tại Bộ phận Một cửa, theo phương pháp SIPAS), quý {quarter.Number}/{quarter.Year}. Các đơn vị bằng điểm cùng hạng.</p>");
        b.Add($"<p><a href=\"{path}?quarter={quarter.Previous}&sort={sort}\">← {quarter.Previous}</a> · <b>{quarter}</b> · <a href=\"{path}?quarter={new Quarter(quarter.Number == 4 ? quarter.Year + 1 : quarter.Year, quarter.Number == 4 ? 1 : quarter.Number + 1)}&sort={sort}\">→</a></p>");
        b.Add($"<p>Xuất: <a href=\"{ReportRoutes.RankingPath(request.ProvinceCode)}.xlsx?quarter={quarter}&sort={sort}\">Excel</a> · <a href=\"{ReportRoutes.RankingPath(request.ProvinceCode)}.csv?quarter={quarter}&sort={sort}\">CSV</a> · <a href=\"/api/v1/reports/provinces/{request.ProvinceCode}/responses.csv?quarter={quarter}\">từng phản hồi (CSV)</a></p>");
        b.Add($"<div class=\"table\"><table><thead><tr><th>Hạng</th><th>Xã/phường</th><th class=\"num\"><a href=\"{path}?quarter={quarter}&sort=serviceIndex\">Tỷ lệ hài lòng</a></th>");
        foreach (var component in components) b.Add($"<th class=\"num\"><a href=\"{path}?quarter={quarter}&sort={component}\">{component}</a></th>");
        b.Add($"<th class=\"num\">Phản hồi</th></tr></thead><tbody>");
        foreach (var row in ranking.Rows.Where(r => r.Rank is not null))
        {
            b.Add($"<tr><td>{row.RankLabel}</td><td><a href=\"{ReportRoutes.CommunePagePath(row.CommuneCode)}?view=quarter\">{row.Name}</a></td><td class=\"num\">{Vietnamese.Percent(row.ServiceIndex)}</td>");
            foreach (var component in components) b.Add($"<td class=\"num\">{Vietnamese.Percent(row.Components.GetValueOrDefault(component))}</td>");
            b.Add($"<td class=\"num\">{row.Responses}{(row.LowSample ? " *" : "")}</td></tr>");
        }
        b.Add($"</tbody></table></div><p class=\"muted\">* dưới 30 phản hồi. {ranking.Rows.Count(r => r.Rank is null)} đơn vị chưa có phản hồi trong quý.</p>");
        await Send.StringAsync(StaffPage.Render(HttpContext, "Xếp hạng — " + name, b.ToHtml()), 200, StaffPage.ContentType, ct);
    }
}
