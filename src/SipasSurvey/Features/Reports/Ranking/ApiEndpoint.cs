using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Ranking;

public sealed class Request : ReportRequest
{
    public string ProvinceCode { get; set; } = "";

    /// <summary>serviceIndex (default) or a component id such as CONG_CHUC.</summary>
    [QueryParam] public string? Sort { get; set; }
}

/// <summary>GET /api/v1/reports/provinces/{provinceCode}/ranking?quarter=2026-Q4: every commune ranked, ties sharing a rank.</summary>
public sealed class ApiEndpoint(IDatabase database, ReportQuery reports, ReportCache cache, TimeProvider clock) : Endpoint<Request, RankingReport>
{
    public override void Configure()
    {
        Get(ReportRoutes.Ranking);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Reports");
        Description(b => b.Produces<RankingReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var name = AccessScope.CanReadProvince(caller, request.ProvinceCode) ? Data.ProvinceName(database, request.ProvinceCode) : null;
        if (name is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown province", $"No province {request.ProvinceCode} in your scope.");
            return;
        }
        var (parameters, errors) = ReportParameters.Parse(request, clock.GetUtcNow());
        var sort = request.Sort ?? "serviceIndex";
        if (sort != "serviceIndex" && !System.Text.RegularExpressions.Regex.IsMatch(sort, "^[A-Z][A-Z0-9_]{0,31}$"))
            errors["sort"] = "sort must be serviceIndex or a component id such as CONG_CHUC.";
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var (period, channel, excludeFlagged) = (parameters!.Period, parameters.Channel, parameters.ExcludeFlagged);
        await Send.OkAsync(cache.Ranking(request.ProvinceCode, $"{period.FromKey}|{period.ToKey}|{period.Label}|{sort}|{channel}|{excludeFlagged}",
            () => reports.Ranking(request.ProvinceCode, name, period, sort, channel, excludeFlagged)), ct);
    }
}
