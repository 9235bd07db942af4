using FluentValidation;

namespace SipasSurvey.Features.Reports.Breakdown;

internal sealed class Request : ReportRequest, ICommuneReportRequest
{
    public string CommuneCode { get; set; } = "";

    /// <summary>counter, staff, field or procedure.</summary>
    [QueryParam] public string? By { get; set; }
}

internal sealed class Validator : ReportRequestValidator<Request>
{
    public Validator() =>
        RuleFor(r => r.By).Must(by => ReportQuery.Dimensions.Contains(by)).OverridePropertyName("by")
            .WithMessage("by must be counter, staff, field or procedure.");
}

/// <summary>GET /api/v1/reports/communes/{communeCode}/breakdown?by=counter|staff|field|procedure: which part drags the figures down.</summary>
internal sealed class ApiEndpoint(ReportQuery reports) : ReportEndpoint<Request, BreakdownReport>
{
    public override void Configure()
    {
        ConfigureReport(ReportRoutes.Breakdown);
        Description(b => b.Produces<BreakdownReport>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    protected override Task ReportAsync(Request request, ReportContext report, CancellationToken ct) =>
        Send.OkAsync(reports.Breakdown(report.Place.Code, request.By!, report.Scope.Period, report.Scope.Channel, report.Scope.ExcludeFlagged), ct);
}
