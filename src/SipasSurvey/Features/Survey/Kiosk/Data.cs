namespace SipasSurvey.Features.Survey.Kiosk;

/// <summary>The slips a counter's kiosk may answer.</summary>
internal static class Data
{
    /// <summary>
    /// The seed of a slip this counter issued one at a time (not from a sheet, not a poster visit) since
    /// <paramref name="since"/>; null for any other slip, so a kiosk cannot answer slips handed out on paper.
    /// </summary>
    public static byte[]? Seed(DbConnection connection, long counterId, long slipId, DateTimeOffset since) =>
        connection.QuerySingleOrDefault<byte[]>(
            """
            SELECT seed FROM slips
            WHERE id = @slipId AND counter_id = @counterId AND batch_id IS NULL AND channel = 'slip' AND issued_at >= @since
            """, new { slipId, counterId, since });
}
