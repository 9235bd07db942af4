using Dapper;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Reports;

public sealed record StatRow(string Day, long VersionId, string Key, long Responses, long Flags, byte[] Counts);

public sealed record IssuedRow(string Day, string Key, long Issued);

public sealed record ProvinceStatRow(string CommuneCode, long VersionId, long Responses, byte[] Counts);

public sealed record UnitName(string Code, string Name);

/// <summary>Report SQL. Everything reads the per-day aggregates; nothing here scans raw responses.</summary>
public static class Data
{
    public static IReadOnlyList<StatRow> Stats(IDatabase database, string commune, string dimension, Period period, string channel, bool excludeFlagged)
    {
        using var connection = database.Open();
        return connection.Query<StatRow>(
            """
            SELECT day, questionnaire_version_id AS version_id, dimension_key AS key, responses, flags, counts
            FROM daily_stats
            WHERE commune_code = @commune AND dimension = @dimension AND day BETWEEN @From AND @To
              AND channel = @channel AND (@excludeFlagged = 0 OR flags = 0)
            """, new { commune, dimension, From = period.FromKey, To = period.ToKey, channel, excludeFlagged }).ToList();
    }

    public static IReadOnlyList<IssuedRow> Issued(IDatabase database, string commune, string dimension, Period period, string channel)
    {
        using var connection = database.Open();
        return connection.Query<IssuedRow>(
            """
            SELECT day, dimension_key AS key, issued FROM daily_slip_stats
            WHERE commune_code = @commune AND dimension = @dimension AND day BETWEEN @From AND @To AND channel = @channel
            """, new { commune, dimension, From = period.FromKey, To = period.ToKey, channel }).ToList();
    }

    /// <summary>Commune totals of every commune of a province: one index seek per commune.</summary>
    public static IReadOnlyList<ProvinceStatRow> ProvinceStats(IDatabase database, string province, Period period, string channel, bool excludeFlagged)
    {
        using var connection = database.Open();
        return connection.Query<ProvinceStatRow>(
            """
            SELECT s.commune_code, s.questionnaire_version_id AS version_id, s.responses, s.counts
            FROM communes m
            JOIN daily_stats s ON s.commune_code = m.code AND s.dimension = '' AND s.day BETWEEN @From AND @To
            WHERE m.province_code = @province AND s.channel = @channel AND (@excludeFlagged = 0 OR s.flags = 0)
            """, new { province, From = period.FromKey, To = period.ToKey, channel, excludeFlagged }).ToList();
    }

    public static IReadOnlyList<(string CommuneCode, long Issued)> ProvinceIssued(IDatabase database, string province, Period period)
    {
        using var connection = database.Open();
        return connection.Query<(string, long)>(
            """
            SELECT s.commune_code, sum(s.issued)
            FROM communes m JOIN daily_slip_stats s ON s.commune_code = m.code AND s.dimension = '' AND s.day BETWEEN @From AND @To
            WHERE m.province_code = @province AND s.channel = 'slip'
            GROUP BY s.commune_code
            """, new { province, From = period.FromKey, To = period.ToKey }).ToList();
    }

    /// <summary>Units of a province that existed at some point of the period.</summary>
    public static IReadOnlyList<UnitName> Communes(IDatabase database, string province, Period period)
    {
        using var connection = database.Open();
        return connection.Query<UnitName>(
            """
            SELECT code, name FROM communes
            WHERE province_code = @province AND valid_from <= @To AND (valid_to IS NULL OR valid_to > @From)
            ORDER BY code
            """, new { province, From = period.FromKey, To = period.ToKey }).ToList();
    }

    public static UnitName? Commune(IDatabase database, string code)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<UnitName>("SELECT code, name FROM communes WHERE code = @code", new { code });
    }

    public static string? ProvinceName(IDatabase database, string code)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>("SELECT name FROM provinces WHERE code = @code", new { code });
    }

    /// <summary>Names for breakdown keys: counters and staff by id; fields and procedures are their own names.</summary>
    public static Dictionary<string, string> Labels(IDatabase database, string dimension, IEnumerable<string> keys)
    {
        var ids = keys.Where(k => k.Length > 0).Select(k => long.TryParse(k, out var id) ? id : -1).Where(id => id > 0).ToList();
        if (ids.Count == 0 || dimension is not ("counter" or "staff")) return [];
        using var connection = database.Open();
        var sql = dimension == "counter" ? "SELECT CAST(id AS TEXT), name FROM counters WHERE id IN @ids" : "SELECT CAST(id AS TEXT), display_name FROM users WHERE id IN @ids";
        return connection.Query<(string, string)>(sql, new { ids }).ToDictionary(x => x.Item1, x => x.Item2);
    }
}
