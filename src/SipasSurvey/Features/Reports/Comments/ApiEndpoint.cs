using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Comments;

public sealed class Request : ReportRequest
{
    public string CommuneCode { get; set; } = "";

    /// <summary>Words to look for; case and diacritics are ignored.</summary>
    [QueryParam] public string? Q { get; set; }
    [QueryParam] public long? BeforeId { get; set; }
    [QueryParam] public int? Limit { get; set; }
}

public sealed class Response
{
    public required string CommuneCode { get; init; }
    public required string Period { get; init; }
    public required IReadOnlyList<CommentRow> Comments { get; init; }
}

/// <summary>GET /api/v1/reports/communes/{communeCode}/comments?q=: what people wrote, newest first. Stored as typed; escaping is the reader's job.</summary>
public sealed class ApiEndpoint(IDatabase database, AccessScope scope, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(ReportRoutes.Comments);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Reports");
        Description(b => b.Produces<Response>(200).ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var commune = ReportParameters.ReadableCommune(scope, Caller.From(User)!, request.CommuneCode);
        if (commune is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown commune", $"No commune {request.CommuneCode} in your scope.");
            return;
        }
        var (parameters, errors) = ReportParameters.Parse(request, clock.GetUtcNow());
        if (request.Q is { Length: > 200 }) errors["q"] = "q is at most 200 characters.";
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var comments = Data.Recent(database, commune.Code, parameters!.Period, request.Q, request.BeforeId, Math.Clamp(request.Limit ?? 50, 1, 500));
        await Send.OkAsync(new Response { CommuneCode = commune.Code, Period = parameters.Period.Label, Comments = comments }, ct);
    }
}
