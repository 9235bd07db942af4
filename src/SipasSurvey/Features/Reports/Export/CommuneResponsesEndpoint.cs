using SipasSurvey.Features.Questionnaires;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/communes/{communeCode}/responses.csv|.xlsx?from=&amp;to=: raw responses, streamed.</summary>
internal sealed class CommuneResponsesEndpoint(IDatabase database, QuestionnaireCatalog catalog) : ExportEndpoint<CommuneExportRequest>
{
    public override void Configure() => ConfigureExport(ReportRoutes.CommuneResponses);

    protected override Task<ExportFile> BuildAsync(CommuneExportRequest request, ReportContext report) =>
        Task.FromResult(RawResponses.File(database, catalog, request.Format, null, report.Place.Code, report.Scope.Period));
}
