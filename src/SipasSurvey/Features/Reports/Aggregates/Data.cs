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

/// <summary>
/// The aggregate tables reports read (migration 0004): per-day answer counts and issued slips per
/// breakdown, and their monthly commune totals. Each row is upserted once per write batch with the
/// batch's sum; counts merge with the stored ones through add_counts (see AnswerCounts).
/// </summary>
internal static class Data
{
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
