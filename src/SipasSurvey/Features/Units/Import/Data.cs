using SipasSurvey.Domain;
using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Units.Import;

internal sealed record UnitImportSummary(int ProvincesAdded, int ProvincesRenamed, int CommunesAdded, int CommunesChanged, int CommunesUnchanged);

/// <summary>What a unit import wrote, or why nothing was written.</summary>
internal sealed record UnitWriteResult(UnitImportSummary? Summary, IReadOnlyList<ImportProblem> Problems);

internal static class Data
{
    public static HashSet<string> ProvinceCodes(IDatabase database)
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT code FROM provinces").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes a checked file in one transaction. A changed name or type keeps the old one in
    /// commune_name_history, valid until the new row's hieu_luc_tu. Every added or changed unit is
    /// audited in the province that owned it (and, when it moves, in the one that receives it).
    /// With <paramref name="onlyProvince"/> (an administrator's import) every commune must belong to
    /// that province before and after the change, checked inside the transaction: otherwise nothing is
    /// written and the refusal is audited in each province whose commune was touched.
    /// </summary>
    public static UnitWriteResult Write(IDatabase database, UnitFile file, string fileName, AuditEntry actor, string? onlyProvince = null)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        int provincesAdded = 0, provincesRenamed = 0, added = 0, changed = 0, unchanged = 0;
        var audits = new List<AuditEntry>();
        var problems = new List<ImportProblem>();
        var refusedIn = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var province in file.Provinces)
        {
            var existing = connection.QuerySingleOrDefault<string>(
                "SELECT name FROM provinces WHERE code = @Code", new { province.Code }, transaction);
            if (existing is null) provincesAdded++;
            else if (existing != province.Name) provincesRenamed++;
            else continue;
            connection.Execute(
                "INSERT INTO provinces (code, name) VALUES (@Code, @Name) ON CONFLICT (code) DO UPDATE SET name = excluded.name",
                new { province.Code, province.Name }, transaction);
            audits.Add(actor with
            {
                Action = existing is null ? "province.add" : "province.rename", Target = $"province:{province.Code}", ProvinceCode = province.Code,
                Details = new { before = existing, after = province.Name },
            });
        }
        foreach (var row in file.Communes)
        {
            var current = connection.QuerySingleOrDefault<CurrentCommune>(
                "SELECT name, unit_type, province_code, valid_from, valid_to FROM communes WHERE code = @Code", new { row.Code }, transaction);
            if (onlyProvince is not null && (row.ProvinceCode != onlyProvince || current is not null && current.ProvinceCode != onlyProvince))
            {
                problems.Add(new ImportProblem(fileName, $"line {row.Line}", current is not null && current.ProvinceCode != onlyProvince
                    ? $"commune {row.Code} belongs to another province: only an operator can move a commune between provinces (import-units)"
                    : $"commune {row.Code} belongs to province {row.ProvinceCode}, not yours ({onlyProvince})"));
                if (current is not null) refusedIn.Add(current.ProvinceCode);
                continue;
            }
            var validFrom = Day(row.ValidFrom);
            var validTo = row.ValidTo is { } to ? Day(to) : null;
            var after = new { name = row.Name, unitType = row.UnitType, provinceCode = row.ProvinceCode, validFrom, validTo };
            if (current is null)
            {
                connection.Execute(
                    """
                    INSERT INTO communes (code, name, unit_type, province_code, valid_from, valid_to)
                    VALUES (@Code, @Name, @UnitType, @ProvinceCode, @ValidFrom, @ValidTo)
                    """,
                    new { row.Code, row.Name, row.UnitType, row.ProvinceCode, ValidFrom = validFrom, ValidTo = validTo }, transaction);
                audits.Add(actor with { Action = "unit.add", Target = $"commune:{row.Code}", ProvinceCode = row.ProvinceCode, Details = new { after } });
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
                       valid_from = CASE WHEN valid_from > @ValidFrom THEN valid_from ELSE @ValidFrom END, valid_to = @ValidTo
                WHERE code = @Code
                """,
                new { row.Code, row.Name, row.UnitType, row.ProvinceCode, ValidFrom = validFrom, ValidTo = validTo }, transaction);
            var before = new { name = current.Name, unitType = current.UnitType, provinceCode = current.ProvinceCode, validFrom = current.ValidFrom, validTo = current.ValidTo };
            audits.Add(actor with { Action = "unit.change", Target = $"commune:{row.Code}", ProvinceCode = current.ProvinceCode, Details = new { before, after } });
            if (current.ProvinceCode != row.ProvinceCode)
                audits.Add(actor with { Action = "unit.change", Target = $"commune:{row.Code}", ProvinceCode = row.ProvinceCode, Details = new { before, after } });
            changed++;
        }
        if (problems.Count > 0)
        {
            transaction.Rollback();
            Refused(connection, actor, fileName, onlyProvince!, refusedIn, problems);
            return new UnitWriteResult(null, problems);
        }
        foreach (var audit in audits) AuditLog.Write(connection, transaction, audit);
        transaction.Commit();
        return new UnitWriteResult(new UnitImportSummary(provincesAdded, provincesRenamed, added, changed, unchanged), []);
    }

    /// <summary>A refused import leaves a trace where it matters: the caller's province and every province whose commune it reached for.</summary>
    private static void Refused(DbConnection connection, AuditEntry actor, string fileName, string callerProvince, IEnumerable<string> owners, IReadOnlyList<ImportProblem> problems)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var province in owners.Append(callerProvince).Distinct())
            AuditLog.Write(connection, transaction, actor with
            {
                Action = "units.import-refused", Target = $"province:{province}", ProvinceCode = province,
                Details = new { file = fileName, problems = problems.Select(p => $"{p.Location}: {p.Message}").Take(50) },
            });
        transaction.Commit();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record CurrentCommune(string Name, string UnitType, string ProvinceCode, string ValidFrom, string? ValidTo);
}
