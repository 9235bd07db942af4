using FastEndpoints;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/provinces/{provinceCode}/responses.csv|.xlsx?from=&amp;to=: raw responses of a province, streamed.</summary>
public sealed class ProvinceResponsesEndpoint(IDatabase database, QuestionnaireCatalog catalog, TimeProvider clock) : Endpoint<ProvinceExportRequest>
{
    public override void Configure()
    {
        Get(ReportRoutes.ProvinceResponses);
        Policies(Web.Identity.Policies.ReadReports);
        Tags("Exports");
        Description(b => b.Produces(200, contentType: TableWriters.CsvType).Produces(200, contentType: TableWriters.XlsxType).ProducesProblemDetails(404));
    }

    public override async Task HandleAsync(ProvinceExportRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        if (!AccessScope.CanReadProvince(caller, request.ProvinceCode) || Data.ProvinceName(database, request.ProvinceCode) is null
            || request.Format is not ("csv" or "xlsx"))
        {
            await Problems.WriteAsync(HttpContext, 404, "Not found", "No such export in your scope (formats: csv, xlsx).");
            return;
        }
        var now = clock.GetUtcNow();
        var (parameters, errors) = ReportParameters.Parse(request, now);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var table = RawResponses.Table(database, catalog, request.ProvinceCode, null, parameters!.Period);
        var tables = request.Format == "xlsx" ? TableWriters.Sheets(table, RawResponses.Count(database, request.ProvinceCode, null, parameters.Period)) : [table];
        ExportAudit.Record(database, caller, HttpContext, $"province:{request.ProvinceCode}", new { kind = "responses", period = parameters.Period.Label, request.Format }, now);
        await ExportResponse.SendAsync(HttpContext, request.Format, $"sipas-phan-hoi-{request.ProvinceCode}-{parameters.Period.Label.Replace("..", "_", StringComparison.Ordinal)}", tables, ct);
    }
}
