namespace SipasSurvey.Features.Operations.Verify;

internal sealed record ResponseFacts(long CounterId, long? StaffId, string? Field, string? ProcedureCode, string Day, long QuestionnaireVersionId, string Channel, long Flags, string Answers);

internal sealed record StoredAnswers(string Dimension, string Day, long QuestionnaireVersionId, string Channel, long Flags, string DimensionKey, long Responses, byte[] Counts);

internal sealed class SlipFacts
{
    public long? StaffId { get; init; }
    public string? Field { get; init; }
    public string? ProcedureCode { get; init; }
    public string Channel { get; init; } = "";
    public DateTimeOffset IssuedAt { get; init; }
}

internal sealed record StoredIssued(string Dimension, string Day, string Channel, string DimensionKey, long Issued);

/// <summary>The raw rows and the aggregates verify compares, read inside one snapshot, commune by commune (streamed, not buffered).</summary>
internal static class Data
{
    /// <summary>Verify reads whole tables: on a large PostgreSQL database a query takes longer than Npgsql's default 30 s.</summary>
    private const int NoTimeout = 0;

    public static IEnumerable<long> SlipsWithSeveralResponses(DbConnection connection, DbTransaction snapshot) =>
        connection.Query<long>("SELECT slip_id FROM responses GROUP BY slip_id HAVING count(*) > 1 LIMIT 5", transaction: snapshot, commandTimeout: NoTimeout);

    public static IReadOnlyList<string> Communes(DbConnection connection, DbTransaction snapshot) => connection.Query<string>(
        """
        SELECT code FROM communes UNION SELECT commune_code FROM daily_stats UNION SELECT commune_code FROM daily_slip_stats
        UNION SELECT commune_code FROM monthly_stats UNION SELECT commune_code FROM monthly_slip_stats ORDER BY 1
        """, transaction: snapshot, commandTimeout: NoTimeout).ToList();

    public static IEnumerable<ResponseFacts> Responses(DbConnection connection, DbTransaction snapshot, string commune) => connection.Query<ResponseFacts>(
        """
        SELECT counter_id, staff_id, field, procedure_code, day, questionnaire_version_id, channel, flags, answers
        FROM responses WHERE commune_code = @commune
        """, new { commune }, snapshot, buffered: false, commandTimeout: NoTimeout);

    /// <summary>The commune's answer aggregates; monthly rows come as dimension 'month' keyed by month.</summary>
    public static IEnumerable<StoredAnswers> AnswerAggregates(DbConnection connection, DbTransaction snapshot, string commune) => connection.Query<StoredAnswers>(
        """
        SELECT dimension, day, questionnaire_version_id, channel, flags, dimension_key, responses, counts
        FROM daily_stats WHERE commune_code = @commune
        UNION ALL
        SELECT 'month', month, questionnaire_version_id, channel, flags, '', responses, counts
        FROM monthly_stats WHERE commune_code = @commune
        """, new { commune }, snapshot, buffered: false, commandTimeout: NoTimeout);

    public static IReadOnlyList<long> Counters(DbConnection connection, DbTransaction snapshot, string commune) =>
        connection.Query<long>("SELECT id FROM counters WHERE commune_code = @commune", new { commune }, snapshot, commandTimeout: NoTimeout).ToList();

    /// <summary>Unrevoked slips of a counter in a commune (through slips_by_counter_and_time rather than a full scan).</summary>
    public static IEnumerable<SlipFacts> IssuedSlips(DbConnection connection, DbTransaction snapshot, long counter, string commune) => connection.Query<SlipFacts>(
        """
        SELECT staff_id, field, procedure_code, channel, issued_at
        FROM slips WHERE counter_id = @counter AND commune_code = @commune AND revoked_at IS NULL
        """, new { counter, commune }, snapshot, buffered: false, commandTimeout: NoTimeout);

    public static IEnumerable<StoredIssued> IssuedAggregates(DbConnection connection, DbTransaction snapshot, string commune) => connection.Query<StoredIssued>(
        """
        SELECT dimension, day, channel, dimension_key, issued FROM daily_slip_stats WHERE commune_code = @commune
        UNION ALL
        SELECT 'month', month, channel, '', issued FROM monthly_slip_stats WHERE commune_code = @commune
        """, new { commune }, snapshot, buffered: false, commandTimeout: NoTimeout);
}
