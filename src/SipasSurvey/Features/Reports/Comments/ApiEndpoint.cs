using FluentValidation;

namespace SipasSurvey.Features.Reports.Comments;

internal sealed class Request : ReportRequest, ICommuneReportRequest
{
    public string CommuneCode { get; set; } = "";

    /// <summary>Words to look for; case and diacritics are ignored.</summary>
    [QueryParam] public string? Q { get; set; }
    [QueryParam] public long? BeforeId { get; set; }
    [QueryParam] public int? Limit { get; set; }
}

internal sealed class Validator : ReportRequestValidator<Request>
{
    public Validator() =>
        RuleFor(r => r.Q).MaximumLength(200).OverridePropertyName("q").WithMessage("q is at most 200 characters.");
}

internal sealed class Response
{
    public required string CommuneCode { get; init; }
    public required string Period { get; init; }
    public required IReadOnlyList<CommentRow> Comments { get; init; }
}

/// <summary>GET /api/v1/reports/communes/{communeCode}/comments?q=: what people wrote, newest first. Stored as typed; escaping is the reader's job.</summary>
internal sealed class ApiEndpoint(IDatabase database) : ReportEndpoint<Request, Response>
{
    public override void Configure()
    {
        ConfigureReport(ReportRoutes.Comments);
        Description(b => b.Produces<Response>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    protected override Task ReportAsync(Request request, ReportContext report, CancellationToken ct)
    {
        var comments = Data.Recent(database, report.Place.Code, report.Scope.Period, request.Q, request.BeforeId, Math.Clamp(request.Limit ?? 50, 1, 500));
        return Send.OkAsync(new Response { CommuneCode = report.Place.Code, Period = report.Scope.Period.Label, Comments = comments }, ct);
    }
}
