using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>A table to export: a header and rows produced lazily, so millions of rows never sit in memory.</summary>
internal sealed record ExportTable(string SheetName, IReadOnlyList<string> Header, IEnumerable<object?[]> Rows);

/// <summary>
/// CSV (RFC 4180 via CsvHelper, UTF-8 with a byte-order mark so Excel shows Vietnamese correctly,
/// formula-looking text escaped against CSV injection) and XLSX (MiniExcel, streamed to a temporary
/// file, one sheet per million rows).
/// </summary>
internal static class TableWriters
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int RowsPerSheet = 1_000_000;

    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    public static async Task WriteCsvAsync(Stream output, ExportTable table, CancellationToken ct)
    {
        await output.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
        await using var text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, Csv);
        foreach (var name in table.Header) csv.WriteField(name);
        await csv.NextRecordAsync();
        foreach (var row in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var value in row) csv.WriteField(Format(value));
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    /// <summary>Writes the workbook to a temporary file that deletes itself when the returned stream is closed.</summary>
    public static async Task<FileStream> WriteXlsxAsync(IReadOnlyList<ExportTable> tables, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sipas-export-{Guid.NewGuid():N}.xlsx");
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            var rows = table.Rows.Select(row => ToDictionary(table.Header, row));
            sheets[table.SheetName] = rows;
        }
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            await file.SaveAsAsync(sheets, cancellationToken: ct);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    /// <summary>Splits a long table into sheets of at most a million rows (Excel's limit is 1,048,576), enumerating once.</summary>
    public static IReadOnlyList<ExportTable> Sheets(ExportTable table, long rowCount)
    {
        if (rowCount <= RowsPerSheet) return [table];
        var enumerator = table.Rows.GetEnumerator();
        var count = (int)((rowCount + RowsPerSheet - 1) / RowsPerSheet);
        return Enumerable.Range(1, count).Select(n => new ExportTable($"{table.SheetName}-{n}", table.Header, Take(enumerator, RowsPerSheet))).ToList();
    }

    private static IEnumerable<object?[]> Take(IEnumerator<object?[]> rows, int count)
    {
        for (var i = 0; i < count && rows.MoveNext(); i++) yield return rows.Current;
    }

    private static Dictionary<string, object?> ToDictionary(IReadOnlyList<string> header, object?[] row)
    {
        var values = new Dictionary<string, object?>(header.Count);
        for (var i = 0; i < header.Count; i++) values[header[i]] = i < row.Length ? row[i] : null;
        return values;
    }

    private static string? Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>"attachment; filename=…" from parts that are already validated codes: no path tricks possible.</summary>
    public static string Disposition(string name) =>
        "attachment; filename=\"" + new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_').ToArray()) + "\"";
}
