using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using MiniExcelLibs;
using Snapshooter;
using Snapshooter.Xunit;
using SipasSurvey.Domain.Time;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Contract;

/// <summary>
/// The public contract as reviewed snapshots (Snapshooter): the OpenAPI document, and the header row of every
/// export the city's BI tools read. A renamed or dropped field fails here; an added one fails too until the new
/// snapshot is reviewed and committed (tests/run.sh runs with SNAPSHOOTER_STRICT_MODE, so a missing snapshot fails).
/// </summary>
public sealed class ContractSnapshotTests : IClassFixture<ReportsApp>
{
    private static readonly JsonSerializerOptions Indented =
        new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ReportsApp _app;
    private readonly string _quarter = Quarter.Of(VietnamTime.DateOf(DateTimeOffset.UtcNow)).ToString();

    public ContractSnapshotTests(ReportsApp app)
    {
        _app = app;
        app.WithResponses();
    }

    [Fact]
    public async Task The_openapi_document_matches_its_reviewed_snapshot()
    {
        using var client = _app.NewClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var pretty = JsonSerializer.Serialize(document.RootElement, Indented);

        Snapshot.Match(pretty.ReplaceLineEndings("\n"), Named("openapi"));
    }

    [Fact]
    public async Task Every_export_keeps_its_reviewed_header_row()
    {
        using var client = People.WithKey(_app, People.ReportsKey(_app));
        var exports = new[]
        {
            $"/api/v1/reports/communes/00070/export.{{0}}?quarter={_quarter}",
            $"/api/v1/reports/communes/00070/responses.{{0}}?quarter={_quarter}",
            $"/api/v1/reports/provinces/01/ranking.{{0}}?quarter={_quarter}",
            $"/api/v1/reports/provinces/01/responses.{{0}}?quarter={_quarter}",
        };
        var headers = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        foreach (var route in exports)
        {
            var name = route[(route.IndexOf("/reports/", StringComparison.Ordinal) + 9)..route.IndexOf('?', StringComparison.Ordinal)]
                .Replace("00070", "{communeCode}", StringComparison.Ordinal).Replace("/01/", "/{provinceCode}/", StringComparison.Ordinal);
            var csv = await client.GetByteArrayAsync(string.Format(CultureInfo.InvariantCulture, route, "csv"));
            using (var reader = new CsvReader(new StreamReader(new MemoryStream(csv), Encoding.UTF8), CultureInfo.InvariantCulture))
            {
                reader.Read();
                reader.ReadHeader();
                headers[name.Replace("{0}", "csv", StringComparison.Ordinal)] = reader.HeaderRecord!;
            }
            await using var xlsx = new MemoryStream(await client.GetByteArrayAsync(string.Format(CultureInfo.InvariantCulture, route, "xlsx")));
            foreach (var sheet in xlsx.GetSheetNames())
            {
                var first = (IDictionary<string, object>)xlsx.Query(useHeaderRow: false, sheetName: sheet).First();
                headers[name.Replace("{0}", "xlsx", StringComparison.Ordinal) + " [" + sheet + "]"] =
                    first.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList();
            }
        }

        Snapshot.Match(headers, Named("export-headers"));
    }

    private static SnapshotFullName Named(string name, [CallerFilePath] string file = "") =>
        new($"{nameof(ContractSnapshotTests)}.{name}.snap", Path.GetDirectoryName(file)!);
}
