namespace SipasSurvey.Features.Reports;

internal sealed record StatRow(string Day, long VersionId, string Key, long Responses, long Flags, byte[] Counts);

internal sealed record IssuedRow(string Day, string Key, long Issued);

internal sealed record ProvinceStatRow(string CommuneCode, long VersionId, long Responses, byte[] Counts);

internal sealed record UnitName(string Code, string Name);

/// <summary>Report SQL. Everything reads the per-day aggregates; nothing here scans raw responses.</summary>
internal static class Data
{
    /// <summary>A cache scope's version on a shared engine: "c:" + commune code, or "p:" + province code (the sum over its communes).</summary>
    public static long ReportVersion(DbConnection connection, string scopeKey) => scopeKey.StartsWith("c:", StringComparison.Ordinal)
        ? Prepared.Command(connection, "SELECT coalesce(max(version), 0) FROM report_versions WHERE commune_code = @code", ("@code", scopeKey[2..])).ExecuteScalar() is long v ? v : 0
        : Prepared.Command(connection, "SELECT CAST(coalesce(sum(version), 0) AS BIGINT) FROM report_versions WHERE province_code = @code", ("@code", scopeKey[2..])).ExecuteScalar() is long p ? p : 0;

    /// <summary>In the writing transaction: this commune's reports (and its province's ranking) changed.</summary>
    public static void BumpReportVersion(DbConnection connection, string commune) => Prepared.Command(connection,
        """
        INSERT INTO report_versions (commune_code, province_code, version)
        SELECT code, province_code, 1 FROM communes WHERE code = @commune
        ON CONFLICT (commune_code) DO UPDATE SET version = report_versions.version + 1
        """, ("@commune", commune)).ExecuteNonQuery();

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

    /// <summary>
    /// Reads a period the way the aggregates are kept: its whole months from a monthly table (a quarter
    /// is three rows per key), the days around them from the daily one. Both queries bind @from and @to
    /// (months 'YYYY-MM', days 'YYYY-MM-DD') besides <paramref name="parameters"/>; prepared statements
    /// on pooled read connections, as dashboards and BI tools call these all day.
    /// </summary>
    private static void EachPart(DbConnection connection, Period period, string monthSql, string daySql,
        (string Name, object? Value)[] parameters, Action<DbDataReader> read)
    {
        var parts = PeriodParts.Of(period);
        void Run(string sql, string from, string to)
        {
            using var reader = Prepared.Command(connection, sql, [.. parameters, ("@from", from), ("@to", to)]).ExecuteReader();
            read(reader);
        }
        if (parts.Months is var (fromMonth, toMonth)) Run(monthSql, fromMonth, toMonth);
        foreach (var (from, to) in parts.Days) Run(daySql, from, to);
    }

    /// <summary>A commune's totals over a period (rows per month or day, version and flag set).</summary>
    public static IReadOnlyList<StatRow> Totals(ReadPool reads, string commune, Period period, string channel, bool excludeFlagged) => reads.Run(connection =>
    {
        var rows = new List<StatRow>();
        EachPart(connection, period,
            """
            SELECT month, questionnaire_version_id, responses, flags, counts
            FROM monthly_stats
            WHERE commune_code = @commune AND month BETWEEN @from AND @to AND channel = @channel AND (@excludeFlagged = 0 OR flags = 0)
            """,
            """
            SELECT day, questionnaire_version_id, responses, flags, counts
            FROM daily_stats
            WHERE commune_code = @commune AND dimension = '' AND day BETWEEN @from AND @to AND channel = @channel AND (@excludeFlagged = 0 OR flags = 0)
            """,
            [("@commune", commune), ("@channel", channel), ("@excludeFlagged", excludeFlagged)],
            reader =>
            {
                while (reader.Read())
                    rows.Add(new StatRow(reader.GetString(0), reader.GetInt64(1), "", reader.GetInt64(2), reader.GetInt64(3), (byte[])reader[4]));
            });
        return rows;
    });

    /// <summary>A commune's responses over a period per channel (one read for the channels a report names beside its own).</summary>
    public static IReadOnlyDictionary<string, long> ResponsesByChannel(ReadPool reads, string commune, Period period, bool excludeFlagged) => reads.Run(connection =>
    {
        var responses = new Dictionary<string, long>(StringComparer.Ordinal);
        EachPart(connection, period,
            """
            SELECT channel, sum(responses) FROM monthly_stats
            WHERE commune_code = @commune AND month BETWEEN @from AND @to AND (@excludeFlagged = 0 OR flags = 0)
            GROUP BY channel
            """,
            """
            SELECT channel, sum(responses) FROM daily_stats
            WHERE commune_code = @commune AND dimension = '' AND day BETWEEN @from AND @to AND (@excludeFlagged = 0 OR flags = 0)
            GROUP BY channel
            """,
            [("@commune", commune), ("@excludeFlagged", excludeFlagged)],
            reader =>
            {
                while (reader.Read()) responses[reader.GetString(0)] = responses.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
            });
        return responses;
    });

    /// <summary>Slips issued by a commune over a period.</summary>
    public static long IssuedTotal(ReadPool reads, string commune, Period period, string channel) => reads.Run(connection =>
    {
        long issued = 0;
        EachPart(connection, period,
            "SELECT coalesce(sum(issued), 0) FROM monthly_slip_stats WHERE commune_code = @commune AND month BETWEEN @from AND @to AND channel = @channel",
            "SELECT coalesce(sum(issued), 0) FROM daily_slip_stats WHERE commune_code = @commune AND dimension = '' AND day BETWEEN @from AND @to AND channel = @channel",
            [("@commune", commune), ("@channel", channel)],
            reader =>
            {
                if (reader.Read()) issued += reader.GetInt64(0);
            });
        return issued;
    });

    /// <summary>Commune totals of every commune of a province: a few index seeks per commune.</summary>
    public static IReadOnlyList<ProvinceStatRow> ProvinceStats(ReadPool reads, string province, Period period, string channel, bool excludeFlagged) => reads.Run(connection =>
    {
        var rows = new List<ProvinceStatRow>();
        EachPart(connection, period,
            """
            SELECT s.commune_code, s.questionnaire_version_id, s.responses, s.counts
            FROM communes m
            JOIN monthly_stats s ON s.commune_code = m.code AND s.month BETWEEN @from AND @to
            WHERE m.province_code = @province AND s.channel = @channel AND (@excludeFlagged = 0 OR s.flags = 0)
            """,
            """
            SELECT s.commune_code, s.questionnaire_version_id, s.responses, s.counts
            FROM communes m
            JOIN daily_stats s ON s.commune_code = m.code AND s.dimension = '' AND s.day BETWEEN @from AND @to
            WHERE m.province_code = @province AND s.channel = @channel AND (@excludeFlagged = 0 OR s.flags = 0)
            """,
            [("@province", province), ("@channel", channel), ("@excludeFlagged", excludeFlagged)],
            reader =>
            {
                while (reader.Read())
                    rows.Add(new ProvinceStatRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), (byte[])reader[3]));
            });
        return rows;
    });

    public static IReadOnlyDictionary<string, long> ProvinceIssued(ReadPool reads, string province, Period period) => reads.Run(connection =>
    {
        var issued = new Dictionary<string, long>(StringComparer.Ordinal);
        EachPart(connection, period,
            """
            SELECT s.commune_code, sum(s.issued)
            FROM communes m JOIN monthly_slip_stats s ON s.commune_code = m.code AND s.month BETWEEN @from AND @to
            WHERE m.province_code = @province AND s.channel = 'slip'
            GROUP BY s.commune_code
            """,
            """
            SELECT s.commune_code, sum(s.issued)
            FROM communes m JOIN daily_slip_stats s ON s.commune_code = m.code AND s.dimension = '' AND s.day BETWEEN @from AND @to
            WHERE m.province_code = @province AND s.channel = 'slip'
            GROUP BY s.commune_code
            """,
            [("@province", province)],
            reader =>
            {
                while (reader.Read()) issued[reader.GetString(0)] = issued.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
            });
        return issued;
    });

    /// <summary>Units of a province that existed at some point of the period.</summary>
    public static IReadOnlyList<UnitName> Communes(ReadPool reads, string province, Period period) => reads.Run(connection =>
    {
        using var reader = Prepared.Command(connection,
            """
            SELECT code, name FROM communes
            WHERE province_code = @province AND valid_from <= @to AND (valid_to IS NULL OR valid_to > @from)
            ORDER BY code
            """, ("@province", province), ("@from", period.FromKey), ("@to", period.ToKey)).ExecuteReader();
        var units = new List<UnitName>();
        while (reader.Read()) units.Add(new UnitName(reader.GetString(0), reader.GetString(1)));
        return units;
    });

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
        var sql = dimension == "counter"
            ? $"SELECT CAST(id AS TEXT), name FROM counters WHERE {connection.AnyOf("id", "@ids")}"
            : $"SELECT CAST(id AS TEXT), display_name FROM users WHERE {connection.AnyOf("id", "@ids")}";
        return connection.Query<(string, string)>(sql, new { ids }).ToDictionary(x => x.Item1, x => x.Item2);
    }
}
