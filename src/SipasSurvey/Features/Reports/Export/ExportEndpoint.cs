using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Reports.Export;

internal sealed class CommuneExportRequest : ReportRequest, ICommuneReportRequest, IExportRequest
{
    public string CommuneCode { get; set; } = "";

    /// <summary>csv or xlsx.</summary>
    public string Format { get; set; } = "";
}

internal sealed class CommuneExportRequestValidator : ReportRequestValidator<CommuneExportRequest>;

internal sealed class ProvinceExportRequest : ReportRequest, IProvinceReportRequest, IExportRequest
{
    public string ProvinceCode { get; set; } = "";

    /// <summary>csv or xlsx.</summary>
    public string Format { get; set; } = "";

    [QueryParam] public string? Sort { get; set; }
}

internal sealed class ProvinceExportRequestValidator : ReportRequestValidator<ProvinceExportRequest>;

/// <summary>A file to send: the tables, its name without the extension, and what the audit log says was taken.</summary>
internal sealed record ExportFile(string FileName, IReadOnlyList<ExportTable> Tables, string AuditTarget, string Kind, string Period);

/// <summary>
/// A report as a CSV or XLSX file. Every export is a privileged act: who took which figures, when and from where
/// goes to the audit log before the file is sent.
/// </summary>
internal abstract class ExportEndpoint<TRequest> : ReportEndpoint<TRequest, object> where TRequest : ReportRequest, IExportRequest
{
    protected void ConfigureExport(string route)
    {
        ConfigureReport(route, "Exports");
        Description(b => b.Produces(200, contentType: TableWriters.CsvType).Produces(200, contentType: TableWriters.XlsxType)
            .ProducesProblemDetails(400).ProducesProblemDetails(404));
    }

    protected abstract Task<ExportFile> BuildAsync(TRequest request, ReportContext report);

    protected sealed override async Task ReportAsync(TRequest request, ReportContext report, CancellationToken ct)
    {
        var file = await BuildAsync(request, report);
        using (var connection = Resolve<IDatabase>().Open())
            AuditLog.Write(connection, null, AuditEntry.By(report.Caller, HttpContext, "export.download", file.AuditTarget,
                new { kind = file.Kind, period = file.Period, request.Format }, report.Now));
        await SendFileAsync(request.Format, file, ct);
    }

    private async Task SendFileAsync(string format, ExportFile file, CancellationToken ct)
    {
        var response = HttpContext.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = TableWriters.Disposition($"{file.FileName}.{format}");
        if (format == "csv")
        {
            response.ContentType = TableWriters.CsvType;
            await TableWriters.WriteCsvAsync(response.Body, file.Tables[0], ct);
            return;
        }
        await using var xlsx = await TableWriters.WriteXlsxAsync(file.Tables, ct);
        response.ContentType = TableWriters.XlsxType;
        response.ContentLength = xlsx.Length;
        await xlsx.CopyToAsync(response.Body, ct);
    }
}
