using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using SipasSurvey.Domain;

namespace SipasSurvey.Features.Units.Import;

internal sealed record ProvinceRow(int Line, string Code, string Name);

internal sealed record CommuneRow(int Line, string Code, string Name, string UnitType, string ProvinceCode, DateOnly ValidFrom, DateOnly? ValidTo);

internal sealed record UnitFile(IReadOnlyList<ProvinceRow> Provinces, IReadOnlyList<CommuneRow> Communes);

/// <summary>
/// Reads a unit list. Two shapes are accepted, told apart by the header:
/// provinces "ma_tinh,ten" and communes "ma_xa,ten,loai,ma_tinh[,hieu_luc_tu][,hieu_luc_den]".
/// Lines starting with '#' are comments. Every line is checked before anything is returned.
/// </summary>
internal static class UnitCsv
{
    public static readonly DateOnly TwoTierReformDate = new(2025, 7, 1);
    public static readonly string[] UnitTypes = ["phuong", "xa", "dac_khu"];

    public static (UnitFile? File, IReadOnlyList<ImportProblem> Problems) Parse(
        TextReader text, string fileName, IReadOnlySet<string> knownProvinces, DateOnly defaultValidFrom)
    {
        var problems = new List<ImportProblem>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            AllowComments = true,
            Comment = '#',
            TrimOptions = TrimOptions.Trim,
            DetectColumnCountChanges = false,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(text, configuration);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
                return (null, [new ImportProblem(fileName, "line 1", "the file is empty: expected a header line")]);
        }
        catch (CsvHelperException e)
        {
            return (null, [new ImportProblem(fileName, "line 1", "unreadable CSV header: " + e.Message.Split('\n')[0])]);
        }
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var isCommunes = header.Contains("ma_xa");
        var isProvinces = !isCommunes && header.Contains("ma_tinh") && header.Contains("ten");
        if (!isCommunes && !isProvinces)
            return (null, [new ImportProblem(fileName, $"line {csv.Parser.RawRow}",
                "unknown header: expected \"ma_tinh,ten\" (provinces) or \"ma_xa,ten,loai,ma_tinh\" (communes)")]);
        var required = isCommunes ? new[] { "ma_xa", "ten", "loai", "ma_tinh" } : ["ma_tinh", "ten"];
        var missing = required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
            return (null, [new ImportProblem(fileName, $"line {csv.Parser.RawRow}", "missing column(s): " + string.Join(", ", missing))]);

        var provinces = new List<ProvinceRow>();
        var communes = new List<CommuneRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            try
            {
                if (!csv.Read()) break;
            }
            catch (CsvHelperException e)
            {
                problems.Add(new ImportProblem(fileName, $"line {csv.Parser.RawRow}", "unreadable CSV: " + e.Message.Split('\n')[0]));
                break;
            }
            var line = csv.Parser.RawRow;
            string Field(string name) => (csv.GetField(Array.IndexOf(header, name)) ?? "").Trim().Normalize(NormalizationForm.FormC);
            void Problem(string message) => problems.Add(new ImportProblem(fileName, $"line {line}", message));

            if (isProvinces)
            {
                var code = Field("ma_tinh");
                var name = Field("ten");
                if (!IsDigits(code, 2)) Problem($"ma_tinh '{code}' is not a 2-digit province code");
                else if (seen.TryGetValue(code, out var first)) Problem($"duplicate province code {code} (first on line {first})");
                else seen[code] = line;
                if (name.Length == 0) Problem("ten (name) is empty");
                provinces.Add(new ProvinceRow(line, code, name));
                continue;
            }

            var communeCode = Field("ma_xa");
            var communeName = Field("ten");
            var unitType = Field("loai").ToLowerInvariant();
            var provinceCode = Field("ma_tinh");
            if (!IsDigits(communeCode, 5)) Problem($"ma_xa '{communeCode}' is not a 5-digit commune code");
            else if (seen.TryGetValue(communeCode, out var firstLine)) Problem($"duplicate commune code {communeCode} (first on line {firstLine})");
            else seen[communeCode] = line;
            if (communeName.Length == 0) Problem("ten (name) is empty");
            if (!UnitTypes.Contains(unitType)) Problem($"loai '{unitType}' is not a unit type (phuong, xa or dac_khu)");
            if (!IsDigits(provinceCode, 2)) Problem($"ma_tinh '{provinceCode}' is not a 2-digit province code");
            else if (!knownProvinces.Contains(provinceCode)) Problem($"unknown province {provinceCode}: import the province list first");
            var validFrom = defaultValidFrom;
            DateOnly? validTo = null;
            if (header.Contains("hieu_luc_tu") && Field("hieu_luc_tu") is { Length: > 0 } from)
            {
                if (!TryDate(from, out validFrom)) Problem($"hieu_luc_tu '{from}' is not a date (YYYY-MM-DD)");
            }
            if (header.Contains("hieu_luc_den") && Field("hieu_luc_den") is { Length: > 0 } to)
            {
                if (!TryDate(to, out var end)) Problem($"hieu_luc_den '{to}' is not a date (YYYY-MM-DD)");
                else if (end <= validFrom) Problem($"hieu_luc_den {to} is not after hieu_luc_tu {validFrom:yyyy-MM-dd}");
                else validTo = end;
            }
            communes.Add(new CommuneRow(line, communeCode, communeName, unitType, provinceCode, validFrom, validTo));
        }
        if (problems.Count == 0 && provinces.Count == 0 && communes.Count == 0)
            problems.Add(new ImportProblem(fileName, "line 2", "the file has a header but no rows"));
        return problems.Count > 0 ? (null, problems) : (new UnitFile(provinces, communes), []);
    }

    private static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);

    private static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
