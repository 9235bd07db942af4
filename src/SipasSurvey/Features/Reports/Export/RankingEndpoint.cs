using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/provinces/{provinceCode}/ranking.csv|.xlsx?quarter=: the ranking as a file.</summary>
public sealed class RankingEndpoint(IDatabase database, ReportQuery reports, TimeProvider clock) : Endpoint<ProvinceExportRequest>
{
    public override void Configure()
    {
        Get(ReportRoutes.RankingExport);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Exports");
        Description(b => b.Produces(200, contentType: TableWriters.CsvType).Produces(200, contentType: TableWriters.XlsxType).ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(ProvinceExportRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var name = AccessScope.CanReadProvince(caller, request.ProvinceCode) ? Data.ProvinceName(database, request.ProvinceCode) : null;
        if (name is null || request.Format is not ("csv" or "xlsx"))
        {
            await Problems.WriteAsync(HttpContext, 404, "Not found", "No such export in your scope (formats: csv, xlsx).");
            return;
        }
        var now = clock.GetUtcNow();
        var (parameters, errors) = ReportParameters.Parse(request, now);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var report = reports.Ranking(request.ProvinceCode, name, parameters!.Period, request.Sort ?? "serviceIndex", parameters.Channel, parameters.ExcludeFlagged);
        ExportAudit.Record(database, caller, HttpContext, $"province:{request.ProvinceCode}", new { kind = "ranking", period = report.Period, request.Format }, now);
        await ExportResponse.SendAsync(HttpContext, request.Format, $"sipas-xep-hang-{request.ProvinceCode}-{report.Period}", [Tables.Ranking(report)], ct);
    }
}
