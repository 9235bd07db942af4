namespace SipasSurvey.Features.Reports.Export;

public sealed class CommuneExportRequest : ReportRequest
{
    public string CommuneCode { get; set; } = "";

    /// <summary>csv or xlsx.</summary>
    public string Format { get; set; } = "";
}

public sealed class ProvinceExportRequest : ReportRequest
{
    public string ProvinceCode { get; set; } = "";

    /// <summary>csv or xlsx.</summary>
    public string Format { get; set; } = "";

    [FastEndpoints.QueryParam] public string? Sort { get; set; }
}

/// <summary>Sends an export table in the requested format and audits the download.</summary>
public static class ExportResponse
{
    public static async Task SendAsync(HttpContext context, string format, string fileName, IReadOnlyList<ExportTable> tables, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition = TableWriters.Disposition($"{fileName}.{format}");
        if (format == "csv")
        {
            context.Response.ContentType = TableWriters.CsvType;
            await TableWriters.WriteCsvAsync(context.Response.Body, tables[0], ct);
            return;
        }
        await using var file = await TableWriters.WriteXlsxAsync(tables, ct);
        context.Response.ContentType = TableWriters.XlsxType;
        context.Response.ContentLength = file.Length;
        await file.CopyToAsync(context.Response.Body, ct);
    }
}
