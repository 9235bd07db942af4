namespace SipasSurvey.Features.Slips.Screen;

internal sealed record ShownSlip(long Id, byte[] Seed, DateTimeOffset IssuedAt);

/// <summary>Paired screens (migration 0016) and the slip a counter's screen shows.</summary>
internal static class Data
{
    /// <summary>
    /// The counter's most recent slip issued one at a time (not part of a sheet) since <paramref name="since"/>,
    /// while it is neither answered nor revoked; null means the screen is idle.
    /// </summary>
    public static ShownSlip? Current(DbConnection connection, long counterId, DateTimeOffset since) =>
        connection.QuerySingleOrDefault<ShownSlip>(
            """
            SELECT s.id, s.seed, s.issued_at FROM slips s
            WHERE s.counter_id = @counterId AND s.issued_at >= @since AND s.batch_id IS NULL AND s.channel = 'slip' AND s.revoked_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.slip_id = s.id)
              AND s.id = (SELECT max(id) FROM slips WHERE counter_id = @counterId AND batch_id IS NULL AND channel = 'slip')
            """, new { counterId, since });

    public static void CreatePairing(DbConnection connection, long counterId, byte[] pairingHash, DateTimeOffset expires, long userId, DateTimeOffset now) =>
        connection.Execute(
            """
            INSERT INTO counter_screens (counter_id, pairing_hash, pairing_expires_at, created_by_user_id, created_at)
            VALUES (@counterId, @pairingHash, @expires, @userId, @now)
            """, new { counterId, pairingHash, expires, userId, now });

    /// <summary>Turns an unexpired pairing into a paired device (once: the pairing hash is cleared); the counter it is bound to, or null.</summary>
    public static long? Pair(DbConnection connection, byte[] pairingHash, byte[] deviceHash, DateTimeOffset now) =>
        connection.QuerySingleOrDefault<long?>(
            """
            UPDATE counter_screens SET device_hash = @deviceHash, pairing_hash = NULL, paired_at = @now
            WHERE pairing_hash = @pairingHash AND pairing_expires_at > @now AND revoked_at IS NULL
            RETURNING counter_id
            """, new { pairingHash, deviceHash, now });

    public static bool IsPaired(DbConnection connection, long counterId, byte[] deviceHash) =>
        connection.ExecuteScalar<long>(
            "SELECT count(*) FROM counter_screens WHERE counter_id = @counterId AND device_hash = @deviceHash AND revoked_at IS NULL",
            new { counterId, deviceHash }) > 0;
}
