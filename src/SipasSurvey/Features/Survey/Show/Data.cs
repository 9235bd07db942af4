namespace SipasSurvey.Features.Survey.Show;

internal static class Data
{
    public static void MarkOpened(DbConnection connection, long slipId, DateTimeOffset now) =>
        connection.Execute("UPDATE slips SET opened_at = @now WHERE id = @slipId AND opened_at IS NULL", new { now, slipId });
}
