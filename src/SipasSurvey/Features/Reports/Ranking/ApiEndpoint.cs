using FluentValidation;

namespace SipasSurvey.Features.Reports.Ranking;

internal sealed class Request : ReportRequest, IProvinceReportRequest
{
    public string ProvinceCode { get; set; } = "";

    /// <summary>serviceIndex (default) or a component id such as CONG_CHUC.</summary>
    [QueryParam] public string? Sort { get; set; }
}

internal sealed partial class Validator : ReportRequestValidator<Request>
{
    public Validator() =>
        RuleFor(r => r.Sort).Must(sort => sort is null or "serviceIndex" || ComponentId().IsMatch(sort)).OverridePropertyName("sort")
            .WithMessage("sort must be serviceIndex or a component id such as CONG_CHUC.");

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z][A-Z0-9_]{0,31}$")]
    internal static partial System.Text.RegularExpressions.Regex ComponentId();
}

/// <summary>GET /api/v1/reports/provinces/{provinceCode}/ranking?quarter=2026-Q4: every commune ranked, ties sharing a rank.</summary>
internal sealed class ApiEndpoint(ReportQuery reports, ReportCache cache) : ReportEndpoint<Request, RankingReport>
{
    public override void Configure()
    {
        ConfigureReport(ReportRoutes.Ranking);
        Description(b => b.Produces<RankingReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    protected override async Task ReportAsync(Request request, ReportContext report, CancellationToken ct)
    {
        var (province, scope, sort) = (report.Place, report.Scope, request.Sort ?? "serviceIndex");
        await Send.OkAsync(await cache.RankingAsync(province, $"{scope.CacheKey}|{sort}",
            () => reports.RankingAsync(province.Code, province.Name, scope.Period, sort, scope.Channel, scope.ExcludeFlagged)), ct);
    }
}
