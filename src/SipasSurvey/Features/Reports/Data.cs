using System.Text.RegularExpressions;

namespace SipasSurvey.Features.Reports;

internal sealed record StatRow(string Day, long VersionId, string Key, long Responses, long Flags, byte[] Counts);

internal sealed record IssuedRow(string Day, string Key, long Issued);

/// <summary>One questionnaire version's answers summed over rows: [item, answer − 1], and how many responses gave them.</summary>
internal sealed class VersionTotals(long versionId, Domain.Questionnaires.QuestionnaireDefinition definition)
{
    public long VersionId { get; } = versionId;
    public Domain.Questionnaires.QuestionnaireDefinition Definition { get; } = definition;
    public long Responses { get; private set; }
    public long[,] Counts { get; } = new long[definition.Items.Count, Domain.Statistics.AnswerCounts.Values];

    /// <summary>
    /// Adds one aggregate row into its version's totals in <paramref name="versions"/> (a commune has one or two).
    /// A version <paramref name="definitionOf"/> does not know is left out, as the figures could not use it.
    /// </summary>
    public static void Add(List<VersionTotals> versions, long versionId, long responses, byte[] counts,
        Func<long, Domain.Questionnaires.QuestionnaireDefinition?> definitionOf)
    {
        VersionTotals? version = null;
        foreach (var kept in versions)
            if (kept.VersionId == versionId) version = kept;
        if (version is null)
        {
            if (definitionOf(versionId) is not { } definition) return;
            versions.Add(version = new VersionTotals(versionId, definition));
        }
        Domain.Statistics.AnswerCounts.AddInto(version.Counts, counts);
        version.Responses += responses;
    }
}

internal sealed record UnitName(string Code, string Name);

/// <summary>A commune's aggregate row of one month or day (which one does not matter to a total).</summary>
internal sealed record ChannelRow(string Channel, long VersionId, long Responses, long Flags, byte[] Counts);

internal sealed record CommuneRows(IReadOnlyList<ChannelRow> Period, long SlipsIssued, IReadOnlyList<ChannelRow> Previous);

internal sealed record ProvinceRows(IReadOnlyList<UnitName> Units, IReadOnlyDictionary<string, List<VersionTotals>> Totals, IReadOnlyDictionary<string, long> Issued);

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
    /// Everything a commune report reads, in one round trip: the period's rows of every channel and flag set (the
    /// report's own channel, its flagged share and the other channels' counts all come from them), the slips issued,
    /// and the previous period's rows when there is one.
    /// </summary>
    public static Task<CommuneRows> CommuneRowsAsync(ReadPool reads, string commune, Period period, Period? previous) => reads.RunAsync(async connection =>
    {
        var rows = new List<ChannelRow>();
        var before = new List<ChannelRow>();
        long issued = 0;
        var together = new ReadTogether(("@commune", commune))
            .Add(period, CommuneMonthRows, CommuneDayRows, reader => ReadChannelRows(reader, rows))
            .Add(period,
                "SELECT coalesce(sum(issued), 0) FROM monthly_slip_stats WHERE commune_code = @commune AND month BETWEEN @from AND @to AND channel = 'slip'",
                "SELECT coalesce(sum(issued), 0) FROM daily_slip_stats WHERE commune_code = @commune AND dimension = '' AND day BETWEEN @from AND @to AND channel = 'slip'",
                async reader =>
                {
                    if (await reader.ReadAsync()) issued += reader.GetInt64(0);
                });
        if (previous is not null) together.Add(previous, CommuneMonthRows, CommuneDayRows, reader => ReadChannelRows(reader, before));
        await together.RunAsync(connection);
        return new CommuneRows(rows, issued, before);
    });

    private const string CommuneMonthRows =
        "SELECT channel, questionnaire_version_id, responses, flags, counts FROM monthly_stats WHERE commune_code = @commune AND month BETWEEN @from AND @to";

    private const string CommuneDayRows =
        "SELECT channel, questionnaire_version_id, responses, flags, counts FROM daily_stats WHERE commune_code = @commune AND dimension = '' AND day BETWEEN @from AND @to";

    private static async Task ReadChannelRows(DbDataReader reader, List<ChannelRow> rows)
    {
        while (await reader.ReadAsync())
            rows.Add(new ChannelRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), (byte[])reader[4]));
    }

    /// <summary>
    /// Everything a province ranking reads, in one round trip: the units of the period, their totals and their slips
    /// issued. A province's rows (a thousand or more) are summed per commune and version as they arrive instead of
    /// being kept, with their blobs, until the whole read is done.
    /// </summary>
    public static Task<ProvinceRows> ProvinceRowsAsync(ReadPool reads, string province, Period period, string channel, bool excludeFlagged,
        Func<long, Domain.Questionnaires.QuestionnaireDefinition?> definitionOf) => reads.RunAsync(async connection =>
    {
        var units = new List<UnitName>();
        var totals = new Dictionary<string, List<VersionTotals>>(StringComparer.Ordinal);
        var issued = new Dictionary<string, long>(StringComparer.Ordinal);
        await new ReadTogether(("@province", province), ("@channel", channel), ("@excludeFlagged", excludeFlagged), ("@periodFrom", period.FromKey), ("@periodTo", period.ToKey))
            .Add(
                """
                SELECT code, name FROM communes
                WHERE province_code = @province AND valid_from <= @periodTo AND (valid_to IS NULL OR valid_to > @periodFrom)
                ORDER BY code
                """,
                async reader =>
                {
                    while (await reader.ReadAsync()) units.Add(new UnitName(reader.GetString(0), reader.GetString(1)));
                })
            .Add(period,
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
                async reader =>
                {
                    while (await reader.ReadAsync())
                    {
                        var commune = reader.GetString(0);
                        if (!totals.TryGetValue(commune, out var versions)) totals[commune] = versions = new List<VersionTotals>(1);
                        // Not GetBytes into a reused buffer: on SQLite that opens the blob for incremental I/O on
                        // every row, and rankings fell from 737 to 24/s on the 10 M database.
                        VersionTotals.Add(versions, reader.GetInt64(1), reader.GetInt64(2), (byte[])reader[3], definitionOf);
                    }
                })
            .Add(period,
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
                async reader =>
                {
                    while (await reader.ReadAsync()) issued[reader.GetString(0)] = issued.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
                })
            .RunAsync(connection);
        return new ProvinceRows(units, totals, issued);
    });

    /// <summary>
    /// The reads of one report sent as one command of several statements: PostgreSQL gets them in one round trip
    /// (on a busy box every round trip is a wait for the other process to be scheduled), SQLite runs them one after
    /// the other in-process. A period is read the way the aggregates are kept: its whole months from a monthly table,
    /// the days around them from the daily one, one statement per part, each binding its own @from and @to (months
    /// 'YYYY-MM', days 'YYYY-MM-DD'). Prepared on the pooled read connections: dashboards and BI tools call these all day.
    /// </summary>
    private sealed class ReadTogether(params (string Name, object? Value)[] shared)
    {
        private static readonly Regex PartBounds = new(@"@(from|to)\b", RegexOptions.CultureInvariant);
        private readonly List<string> _statements = [];
        private readonly List<(string Name, object? Value)> _parameters = [.. shared];
        private readonly List<Func<DbDataReader, Task>> _readers = [];

        public ReadTogether Add(string sql, Func<DbDataReader, Task> read)
        {
            _statements.Add(sql);
            _readers.Add(read);
            return this;
        }

        /// <summary>One statement per part of the period; <paramref name="read"/> is called for each part's result.</summary>
        public ReadTogether Add(Period period, string monthSql, string daySql, Func<DbDataReader, Task> read)
        {
            var parts = PeriodParts.Of(period);
            if (parts.Months is var (fromMonth, toMonth)) AddPart(monthSql, fromMonth, toMonth, read);
            foreach (var (from, to) in parts.Days) AddPart(daySql, from, to, read);
            return this;
        }

        private void AddPart(string sql, string from, string to, Func<DbDataReader, Task> read)
        {
            var n = _statements.Count;
            _parameters.Add(($"@from{n}", from));
            _parameters.Add(($"@to{n}", to));
            Add(PartBounds.Replace(sql, bound => bound.Value + n), read);
        }

        /// <summary>Awaited, never blocking: see <see cref="ReadPool.RunAsync{T}"/>.</summary>
        public async Task RunAsync(DbConnection connection)
        {
            await using var reader = await Prepared.Command(connection, string.Join(";\n", _statements), [.. _parameters]).ExecuteReaderAsync();
            for (var i = 0; i < _readers.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync()) throw new InvalidOperationException($"Statement {i + 1} of {_readers.Count} returned no result.");
                await _readers[i](reader);
            }
        }
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
