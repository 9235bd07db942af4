namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Jobs that must run on one app server at a time (the retention purge) take a lease row in job_leases
/// with an end: a server that dies mid-job blocks nobody for longer than its lease.
/// </summary>
internal static class JobLeases
{
    /// <summary>This process, as a lease holder.</summary>
    public static string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes (or renews) the lease for <paramref name="duration"/>; false while another holder's lease runs.</summary>
    public static bool TryTake(DbConnection connection, string name, DateTimeOffset now, TimeSpan duration) => connection.Execute(
        """
        INSERT INTO job_leases (name, holder, expires_at) VALUES (@name, @holder, @until)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE job_leases.expires_at <= @now OR job_leases.holder = excluded.holder
        """, new { name, holder = Holder, until = now + duration, now }) == 1;

    public static void Release(DbConnection connection, string name) =>
        connection.Execute("DELETE FROM job_leases WHERE name = @name AND holder = @holder", new { name, holder = Holder });
}
