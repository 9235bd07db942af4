using SipasSurvey.Domain.Slips;

namespace SipasSurvey.Features.Slips;

internal enum SlipState { Unused, Answered, Expired, Revoked }

/// <summary>A slip as the citizen side sees it (no dossier code here: it is never shown to the public).</summary>
internal sealed class SlipView
{
    public long Id { get; init; }
    public byte[] Seed { get; init; } = [];
    public string CommuneCode { get; init; } = "";
    public string CommuneName { get; init; } = "";
    public long CounterId { get; init; }
    public string CounterName { get; init; } = "";
    public long? StaffId { get; init; }
    public string? Field { get; init; }
    public string? ProcedureCode { get; init; }
    public long QuestionnaireVersionId { get; init; }
    public string Channel { get; init; } = "slip";
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public byte[]? IssueNetwork { get; init; }
    public long? ResponseId { get; init; }

    public SlipState StateAt(DateTimeOffset now) =>
        ResponseId is not null ? SlipState.Answered
        : RevokedAt is not null ? SlipState.Revoked
        : ExpiresAt <= now ? SlipState.Expired
        : SlipState.Unused;
}

/// <summary>Finding a slip by what a citizen holds: the token in the QR, or the typed code (hot path: prepared, on the read pool).</summary>
internal static class SlipLookup
{
    /// <summary>The slip behind a presented token; malformed tokens are not even looked up.</summary>
    public static SlipView? ByToken(ReadPool reads, string? token)
    {
        if (!SlipSecrets.LooksLikeToken(token)) return null;
        var hash = SlipSecrets.Hash(token!);
        // Every form load, submission and QR request starts here: a prepared statement on a pooled connection.
        return reads.Run(connection =>
        {
            using var reader = Prepared.Command(connection, Select + " WHERE s.token_hash = @hash", ("@hash", hash)).ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        });
    }

    /// <summary>
    /// The slip behind a presented token and one more value read in the same statement (one round trip on
    /// PostgreSQL; one statement, not a batch: Npgsql runs a synchronous batch's later statements through the thread
    /// pool, which starved under load). <paramref name="alsoSql"/> is a scalar subquery; null when no slip matches.
    /// </summary>
    public static (SlipView? Slip, long Also) ByTokenWith(ReadPool reads, string? token, string alsoSql, (string Name, object? Value)[] alsoParameters)
    {
        if (!SlipSecrets.LooksLikeToken(token)) return (null, 0);
        var hash = SlipSecrets.Hash(token!);
        return reads.Run(connection =>
        {
            var sql = $"{Columns}, ({alsoSql}) AS also\n{From} WHERE s.token_hash = @hash";
            using var reader = Prepared.Command(connection, sql, [("@hash", hash), .. alsoParameters]).ExecuteReader();
            return reader.Read() ? (Read(reader), reader.GetInt64(17)) : (null, 0L);
        });
    }

    private const string Columns =
        """
        SELECT s.id, s.seed, s.commune_code, m.name, s.counter_id, c.name, s.staff_id, s.field, s.procedure_code,
               s.questionnaire_version_id, s.channel, s.issued_at, s.expires_at, s.opened_at, s.revoked_at, s.issue_network, r.id
        """;

    private const string From =
        """
        FROM slips s
        JOIN communes m ON m.code = s.commune_code
        JOIN counters c ON c.id = s.counter_id
        LEFT JOIN responses r ON r.slip_id = s.id
        """;

    private const string Select = Columns + "\n" + From;

    private static SlipView Read(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Seed = (byte[])r[1],
        CommuneCode = r.GetString(2),
        CommuneName = r.GetString(3),
        CounterId = r.GetInt64(4),
        CounterName = r.GetString(5),
        StaffId = r.IsDBNull(6) ? null : r.GetInt64(6),
        Field = r.IsDBNull(7) ? null : r.GetString(7),
        ProcedureCode = r.IsDBNull(8) ? null : r.GetString(8),
        QuestionnaireVersionId = r.GetInt64(9),
        Channel = r.GetString(10),
        IssuedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)),
        OpenedAt = r.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(13)),
        RevokedAt = r.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
        IssueNetwork = r.IsDBNull(15) ? null : (byte[])r[15],
        ResponseId = r.IsDBNull(16) ? null : r.GetInt64(16),
    };

    /// <summary>The slip behind a typed code (already normalised and checked).</summary>
    public static SlipView? ByCode(ReadPool reads, byte[] tokenKey, string normalizedCode)
    {
        var hash = SlipSecrets.CodeHash(tokenKey, normalizedCode);
        return reads.Run(connection =>
        {
            using var reader = Prepared.Command(connection, Select + " WHERE s.code_hash = @hash", ("@hash", hash)).ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        });
    }
}

/// <summary>Slips whose typed-code hash is still the old, unkeyed one (migration 0011).</summary>
internal static class CodesToRekey
{
    public static long Count(IDatabase database)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM slip_codes_to_rekey");
    }

    public static IReadOnlyList<(long Id, byte[] Seed)> Next(DbConnection connection, int batch) => connection.Query<(long Id, byte[] Seed)>(
        "SELECT k.slip_id, s.seed FROM slip_codes_to_rekey k JOIN slips s ON s.id = k.slip_id ORDER BY k.slip_id LIMIT @batch", new { batch }).ToList();

    /// <summary>The new hashes, and the slips done taken off the list, in one transaction.</summary>
    public static void Rekey(DbConnection connection, IReadOnlyList<(long Id, byte[] Hash)> slips)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var (id, hash) in slips) connection.Execute("UPDATE slips SET code_hash = @hash WHERE id = @id", new { hash, id }, transaction);
        connection.Execute("DELETE FROM slip_codes_to_rekey WHERE slip_id <= @last", new { last = slips[^1].Id }, transaction);
        transaction.Commit();
    }
}
