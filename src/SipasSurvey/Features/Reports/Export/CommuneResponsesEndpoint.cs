using FastEndpoints;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/communes/{communeCode}/responses.csv|.xlsx?from=&amp;to=: raw responses, streamed.</summary>
public sealed class CommuneResponsesEndpoint(IDatabase database, AccessScope scope, QuestionnaireCatalog catalog, TimeProvider clock) : Endpoint<CommuneExportRequest>
{
    public override void Configure()
    {
        Get(ReportRoutes.CommuneResponses);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Exports");
        Description(b => b.Produces(200, contentType: TableWriters.CsvType).Produces(200, contentType: TableWriters.XlsxType).ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(CommuneExportRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var commune = ReportParameters.ReadableCommune(scope, caller, request.CommuneCode);
        if (commune is null || request.Format is not ("csv" or "xlsx"))
        {
            await Problems.WriteAsync(HttpContext, 404, "Not found", "No such export in your scope (formats: csv, xlsx).");
            return;
        }
        var now = clock.GetUtcNow();
        var (parameters, errors) = ReportParameters.Parse(request, now);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var table = RawResponses.Table(database, catalog, null, commune.Code, parameters!.Period);
        var tables = request.Format == "xlsx" ? TableWriters.Sheets(table, RawResponses.Count(database, null, commune.Code, parameters.Period)) : [table];
        ExportAudit.Record(database, caller, HttpContext, $"commune:{commune.Code}", new { kind = "responses", period = parameters.Period.Label, request.Format }, now);
        await ExportResponse.SendAsync(HttpContext, request.Format, $"sipas-phan-hoi-{commune.Code}-{parameters.Period.Label.Replace("..", "_", StringComparison.Ordinal)}", tables, ct);
    }
}
