using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/communes/{communeCode}/export.csv|.xlsx?quarter=: the commune's report as a file.</summary>
public sealed class CommuneEndpoint(IDatabase database, AccessScope scope, ReportQuery reports, TimeProvider clock) : Endpoint<CommuneExportRequest>
{
    public override void Configure()
    {
        Get(ReportRoutes.CommuneExport);
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
        var report = reports.Commune(commune.Code, commune.Name, parameters!.Period, parameters.Channel, parameters.ExcludeFlagged);
        ExportAudit.Record(database, caller, HttpContext, $"commune:{commune.Code}", new { kind = "commune-report", period = report.Period, request.Format }, now);
        await ExportResponse.SendAsync(HttpContext, request.Format, $"sipas-{commune.Code}-{report.Period}", [Tables.Commune(report)], ct);
    }
}
