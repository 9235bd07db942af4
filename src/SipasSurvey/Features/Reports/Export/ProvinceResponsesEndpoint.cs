using SipasSurvey.Features.Questionnaires;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>GET /api/v1/reports/provinces/{provinceCode}/responses.csv|.xlsx?from=&amp;to=: raw responses of a province, streamed.</summary>
internal sealed class ProvinceResponsesEndpoint(IDatabase database, QuestionnaireCatalog catalog) : ExportEndpoint<ProvinceExportRequest>
{
    public override void Configure() => ConfigureExport(ReportRoutes.ProvinceResponses);

    protected override Task<ExportFile> BuildAsync(ProvinceExportRequest request, ReportContext report) =>
        Task.FromResult(RawResponses.File(database, catalog, request.Format, report.Place.Code, null, report.Scope.Period));
}
