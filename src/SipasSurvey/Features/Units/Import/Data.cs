using System.Data.Common;
using System.Globalization;
using Dapper;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Units.Import;

public sealed record UnitImportSummary(int ProvincesAdded, int ProvincesRenamed, int CommunesAdded, int CommunesChanged, int CommunesUnchanged);

public static class Data
{
    public static HashSet<string> ProvinceCodes(IDatabase database)
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT code FROM provinces").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes a checked file in one transaction. A changed name or type keeps the old one in
    /// commune_name_history, valid until the new row's hieu_luc_tu.
    /// </summary>
    public static UnitImportSummary Write(IDatabase database, UnitFile file)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        int provincesAdded = 0, provincesRenamed = 0, added = 0, changed = 0, unchanged = 0;
        foreach (var province in file.Provinces)
        {
            var existing = connection.QuerySingleOrDefault<string>(
                "SELECT name FROM provinces WHERE code = @Code", new { province.Code }, transaction);
            if (existing is null) provincesAdded++;
            else if (existing != province.Name) provincesRenamed++;
            connection.Execute(
                "INSERT INTO provinces (code, name) VALUES (@Code, @Name) ON CONFLICT (code) DO UPDATE SET name = excluded.name",
                new { province.Code, province.Name }, transaction);
        }
        foreach (var row in file.Communes)
        {
            var current = connection.QuerySingleOrDefault<CurrentCommune>(
                "SELECT name, unit_type, province_code, valid_from, valid_to FROM communes WHERE code = @Code", new { row.Code }, transaction);
            var validFrom = Day(row.ValidFrom);
            var validTo = row.ValidTo is { } to ? Day(to) : null;
            if (current is null)
            {
                connection.Execute(
                    """
                    INSERT INTO communes (code, name, unit_type, province_code, valid_from, valid_to)
                    VALUES (@Code, @Name, @UnitType, @ProvinceCode, @ValidFrom, @ValidTo)
                    """,
                    new { row.Code, row.Name, row.UnitType, row.ProvinceCode, ValidFrom = validFrom, ValidTo = validTo }, transaction);
                added++;
                continue;
            }
            if (current.Name == row.Name && current.UnitType == row.UnitType && current.ProvinceCode == row.ProvinceCode && current.ValidTo == validTo)
            {
                unchanged++;
                continue;
            }
            if ((current.Name != row.Name || current.UnitType != row.UnitType) && string.CompareOrdinal(validFrom, current.ValidFrom) > 0)
            {
                connection.Execute(
                    """
                    INSERT INTO commune_name_history (commune_code, name, unit_type, valid_from, valid_to)
                    VALUES (@Code, @Name, @UnitType, @ValidFrom, @ValidTo)
                    ON CONFLICT (commune_code, valid_from) DO NOTHING
                    """,
                    new { row.Code, current.Name, current.UnitType, current.ValidFrom, ValidTo = validFrom }, transaction);
            }
            connection.Execute(
                """
                UPDATE communes SET name = @Name, unit_type = @UnitType, province_code = @ProvinceCode,
                       valid_from = max(valid_from, @ValidFrom), valid_to = @ValidTo
                WHERE code = @Code
                """,
                new { row.Code, row.Name, row.UnitType, row.ProvinceCode, ValidFrom = validFrom, ValidTo = validTo }, transaction);
            changed++;
        }
        transaction.Commit();
        return new UnitImportSummary(provincesAdded, provincesRenamed, added, changed, unchanged);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record CurrentCommune(string Name, string UnitType, string ProvinceCode, string ValidFrom, string? ValidTo);
}
