using CounterData = SipasSurvey.Features.Admin.Counters.Data;

namespace SipasSurvey.Features.Slips.Counter;

/// <summary>GET /counters: the counters the signed-in officer works at (administrators: all of the province's).</summary>
internal sealed class ListPageEndpoint(IDatabase database) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(CounterRoutes.List);
        Policies(Web.Identity.Policies.CounterDesk);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counters = CounterData.List(database, caller.ProvinceCode)
            .Where(c => c.Active && (caller.Role == Role.Admin || caller.CounterIds.Contains(c.Id))).ToList();
        var b = new HtmlBuilder();
        b.Add($"<h1>Phát phiếu khảo sát</h1>");
        if (counters.Count == 0) b.Add($"<p>Tài khoản chưa được gán quầy nào. Vui lòng liên hệ quản trị viên.</p>");
        b.Add($"<ul>");
        foreach (var c in counters) b.Add($"<li><a href=\"{Pages.DeskPath(c.Id)}\">{c.CommuneName} — {c.Name}</a></li>");
        b.Add($"</ul>");
        return Send.StringAsync(StaffPage.Render(HttpContext, "Phát phiếu", b.ToHtml()), 200, StaffPage.ContentType, ct);
    }
}
