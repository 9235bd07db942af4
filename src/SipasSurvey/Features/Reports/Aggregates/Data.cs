namespace SipasSurvey.Features.Reports.Aggregates;

// Ordered like the tables' primary keys: rows are written in this order (see AggregatesHook).

internal readonly record struct AnswerKey(string CommuneCode, string Dimension, string Day, long VersionId, string Channel, long Flags, string Key)
{
    public static readonly IComparer<AnswerKey> Order = Comparer<AnswerKey>.Create(static (a, other) => KeyOrder.Of(
        string.CompareOrdinal(a.CommuneCode, other.CommuneCode), string.CompareOrdinal(a.Dimension, other.Dimension), string.CompareOrdinal(a.Day, other.Day),
        a.VersionId.CompareTo(other.VersionId), string.CompareOrdinal(a.Channel, other.Channel), a.Flags.CompareTo(other.Flags), string.CompareOrdinal(a.Key, other.Key)));
}

internal readonly record struct MonthKey(string CommuneCode, string Month, long VersionId, string Channel, long Flags)
{
    public static readonly IComparer<MonthKey> Order = Comparer<MonthKey>.Create(static (a, other) => KeyOrder.Of(
        string.CompareOrdinal(a.CommuneCode, other.CommuneCode), string.CompareOrdinal(a.Month, other.Month), a.VersionId.CompareTo(other.VersionId),
        string.CompareOrdinal(a.Channel, other.Channel), a.Flags.CompareTo(other.Flags)));
}

internal readonly record struct IssuedKey(string CommuneCode, string Dimension, string Day, string Channel, string Key)
{
    public static readonly IComparer<IssuedKey> Order = Comparer<IssuedKey>.Create(static (a, other) => KeyOrder.Of(
        string.CompareOrdinal(a.CommuneCode, other.CommuneCode), string.CompareOrdinal(a.Dimension, other.Dimension), string.CompareOrdinal(a.Day, other.Day),
        string.CompareOrdinal(a.Channel, other.Channel), string.CompareOrdinal(a.Key, other.Key)));
}

internal readonly record struct IssuedMonthKey(string CommuneCode, string Month, string Channel)
{
    public static readonly IComparer<IssuedMonthKey> Order = Comparer<IssuedMonthKey>.Create(static (a, other) => KeyOrder.Of(
        string.CompareOrdinal(a.CommuneCode, other.CommuneCode), string.CompareOrdinal(a.Month, other.Month), string.CompareOrdinal(a.Channel, other.Channel)));
}

internal static class KeyOrder
{
    /// <summary>The first non-zero comparison: lexicographic order over the key's fields.</summary>
    public static int Of(params ReadOnlySpan<int> comparisons)
    {
        foreach (var comparison in comparisons)
            if (comparison != 0) return comparison;
        return 0;
    }
}

/// <summary>A stored aggregate row's totals, read to be merged in memory.</summary>
internal readonly record struct StoredTotals(long Responses, byte[] Counts);

/// <summary>
/// The aggregate tables reports read (migration 0004): per-day answer counts and issued slips per
/// breakdown, and their monthly commune totals. Each row is written once per write batch with the
/// batch's sum. Answer counts are merged in memory (AnswerCounts.Add) with the stored row, read and
/// locked first; a row that does not exist yet is inserted, and if another server inserted it
/// meanwhile the database merges through add_counts (on PostgreSQL a PL/pgSQL function, about 0.3 ms a
/// row, which is why it is only the fallback).
/// </summary>
internal static class Data
{
    private sealed record DayRow(string Commune, string Dimension, string Day, long Version, string Channel, long Flags, string DimensionKey, long Responses, byte[] Counts);

    private sealed record MonthRow(string Commune, string Month, long Version, string Channel, long Flags, long Responses, byte[] Counts);

    /// <summary>The stored day rows of the batch's communes and days, locked in key order until commit.</summary>
    public static Dictionary<AnswerKey, StoredTotals> StoredDays(DbConnection connection, IReadOnlyCollection<AnswerKey> keys)
    {
        var communes = keys.Select(k => k.CommuneCode).Distinct().ToArray();
        var days = keys.Select(k => k.Day).Distinct().ToArray();
        return connection.Query<DayRow>(
                $"""
                SELECT commune_code AS Commune, dimension AS Dimension, day AS Day, questionnaire_version_id AS Version, channel AS Channel,
                       flags AS Flags, dimension_key AS DimensionKey, responses AS Responses, counts AS Counts
                FROM daily_stats
                WHERE {connection.AnyOf("commune_code", "@communes")} AND {connection.AnyOf("day", "@days")}
                ORDER BY commune_code, dimension, day, questionnaire_version_id, channel, flags, dimension_key{connection.ForUpdate()}
                """, new { communes, days })
            .ToDictionary(r => new AnswerKey(r.Commune, r.Dimension, r.Day, r.Version, r.Channel, r.Flags, r.DimensionKey), r => new StoredTotals(r.Responses, r.Counts));
    }

    /// <summary>The stored month rows of the batch's communes and months, locked in key order until commit.</summary>
    public static Dictionary<MonthKey, StoredTotals> StoredMonths(DbConnection connection, IReadOnlyCollection<MonthKey> keys)
    {
        var communes = keys.Select(k => k.CommuneCode).Distinct().ToArray();
        var months = keys.Select(k => k.Month).Distinct().ToArray();
        return connection.Query<MonthRow>(
                $"""
                SELECT commune_code AS Commune, month AS Month, questionnaire_version_id AS Version, channel AS Channel, flags AS Flags,
                       responses AS Responses, counts AS Counts
                FROM monthly_stats
                WHERE {connection.AnyOf("commune_code", "@communes")} AND {connection.AnyOf("month", "@months")}
                ORDER BY commune_code, month, questionnaire_version_id, channel, flags{connection.ForUpdate()}
                """, new { communes, months })
            .ToDictionary(r => new MonthKey(r.Commune, r.Month, r.Version, r.Channel, r.Flags), r => new StoredTotals(r.Responses, r.Counts));
    }

    public static void SetAnswers(DbConnection connection, AnswerKey key, long responses, byte[] counts) =>
        Prepared.Command(connection,
            """
            UPDATE daily_stats SET responses = @responses, counts = @counts
            WHERE commune_code = @commune AND dimension = @dimension AND day = @day AND questionnaire_version_id = @version
              AND channel = @channel AND flags = @flags AND dimension_key = @key
            """,
            ("@commune", key.CommuneCode), ("@dimension", key.Dimension), ("@day", key.Day), ("@version", key.VersionId), ("@channel", key.Channel),
            ("@flags", key.Flags), ("@key", key.Key), ("@responses", responses), ("@counts", counts)).ExecuteNonQuery();

    public static void SetMonth(DbConnection connection, MonthKey key, long responses, byte[] counts) =>
        Prepared.Command(connection,
            """
            UPDATE monthly_stats SET responses = @responses, counts = @counts
            WHERE commune_code = @commune AND month = @month AND questionnaire_version_id = @version AND channel = @channel AND flags = @flags
            """,
            ("@commune", key.CommuneCode), ("@month", key.Month), ("@version", key.VersionId), ("@channel", key.Channel), ("@flags", key.Flags),
            ("@responses", responses), ("@counts", counts)).ExecuteNonQuery();

    public static void AddAnswers(DbConnection connection, AnswerKey key, long responses, byte[] counts) =>
        Prepared.Command(connection,
            """
            INSERT INTO daily_stats (commune_code, dimension, day, questionnaire_version_id, channel, flags, dimension_key, responses, counts)
            VALUES (@commune, @dimension, @day, @version, @channel, @flags, @key, @responses, @counts)
            ON CONFLICT (commune_code, dimension, day, questionnaire_version_id, channel, flags, dimension_key)
            DO UPDATE SET responses = daily_stats.responses + excluded.responses, counts = add_counts(daily_stats.counts, excluded.counts)
            """,
            ("@commune", key.CommuneCode), ("@dimension", key.Dimension), ("@day", key.Day), ("@version", key.VersionId), ("@channel", key.Channel),
            ("@flags", key.Flags), ("@key", key.Key), ("@responses", responses), ("@counts", counts)).ExecuteNonQuery();

    public static void AddMonth(DbConnection connection, MonthKey key, long responses, byte[] counts) =>
        Prepared.Command(connection,
            """
            INSERT INTO monthly_stats (commune_code, month, questionnaire_version_id, channel, flags, responses, counts)
            VALUES (@commune, @month, @version, @channel, @flags, @responses, @counts)
            ON CONFLICT (commune_code, month, questionnaire_version_id, channel, flags)
            DO UPDATE SET responses = monthly_stats.responses + excluded.responses, counts = add_counts(monthly_stats.counts, excluded.counts)
            """,
            ("@commune", key.CommuneCode), ("@month", key.Month), ("@version", key.VersionId), ("@channel", key.Channel), ("@flags", key.Flags),
            ("@responses", responses), ("@counts", counts)).ExecuteNonQuery();

    public static void AddIssued(DbConnection connection, IssuedKey key, long delta) =>
        Prepared.Command(connection,
            """
            INSERT INTO daily_slip_stats (commune_code, dimension, day, channel, dimension_key, issued)
            VALUES (@commune, @dimension, @day, @channel, @key, @delta)
            ON CONFLICT (commune_code, dimension, day, channel, dimension_key) DO UPDATE SET issued = daily_slip_stats.issued + excluded.issued
            """, ("@commune", key.CommuneCode), ("@dimension", key.Dimension), ("@day", key.Day), ("@channel", key.Channel), ("@key", key.Key),
            ("@delta", delta)).ExecuteNonQuery();

    public static void AddIssuedMonth(DbConnection connection, IssuedMonthKey key, long delta) =>
        Prepared.Command(connection,
            """
            INSERT INTO monthly_slip_stats (commune_code, month, channel, issued) VALUES (@commune, @month, @channel, @delta)
            ON CONFLICT (commune_code, month, channel) DO UPDATE SET issued = monthly_slip_stats.issued + excluded.issued
            """, ("@commune", key.CommuneCode), ("@month", key.Month), ("@channel", key.Channel), ("@delta", delta)).ExecuteNonQuery();
}
