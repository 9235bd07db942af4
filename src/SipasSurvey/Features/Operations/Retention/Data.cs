namespace SipasSurvey.Features.Operations.Retention;

/// <summary>What the retention purge forgets, in chunks small enough not to hold the writer long.</summary>
internal static class Data
{
    public static int ClearResponseSignals(DbConnection connection, DateTimeOffset cutoff, int chunk) => connection.Execute(
        """
        UPDATE responses SET network_hash = NULL, device_hash = NULL, user_agent_family = NULL
        WHERE id IN (SELECT id FROM responses WHERE (network_hash IS NOT NULL OR device_hash IS NOT NULL) AND submitted_at < @cutoff LIMIT @chunk)
        """, new { cutoff, chunk });

    public static int ClearSlipNetworks(DbConnection connection, DateTimeOffset cutoff, int chunk) => connection.Execute(
        "UPDATE slips SET issue_network = NULL WHERE id IN (SELECT id FROM slips WHERE issue_network IS NOT NULL AND issued_at < @cutoff LIMIT @chunk)",
        new { cutoff, chunk });

    /// <summary>Sign-in bookkeeping: failure counts whose window and lock are long over, sessions a day past their end.</summary>
    public static void ForgetSignInBookkeeping(DbConnection connection, DateTimeOffset dayAgo)
    {
        connection.Execute("DELETE FROM sign_in_failures WHERE first_failure_at < @dayAgo AND (locked_until IS NULL OR locked_until < @dayAgo)", new { dayAgo });
        connection.Execute("DELETE FROM rate_limit_windows WHERE window_start < @dayAgo", new { dayAgo });
        connection.Execute("DELETE FROM user_sessions WHERE (ended_at IS NOT NULL AND ended_at < @dayAgo) OR expires_at < @dayAgo", new { dayAgo });
    }
}
