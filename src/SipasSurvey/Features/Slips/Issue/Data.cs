using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Slips.Issue;

internal static class Data
{
    /// <summary>
    /// Runs in the writer: the whole batch of slips in one transaction (all or nothing), hashes computed
    /// before it was queued. The issued counts follow from the fact it records (see AggregatesHook).
    /// </summary>
    public static long[] Insert(WriteContext context, SlipBatch batch, byte[][] seeds, byte[][] tokenHashes, byte[][] codeHashes)
    {
        var connection = context.Connection;
        var ids = new long[seeds.Length];
        for (var i = 0; i < seeds.Length; i++)
        {
            ids[i] = (long)Prepared.Command(connection,
                """
                INSERT INTO slips (token_hash, code_hash, seed, commune_code, counter_id, staff_id, procedure_code, field, dossier_code,
                                   questionnaire_version_id, channel, batch_id, issued_at, expires_at, issued_by_user_id, issued_by_key_id, issue_network)
                VALUES (@token, @code, @seed, @commune, @counter, @staff, @procedure, @field, @dossier, @version, @channel, @batch,
                        @issued, @expires, @user, @key, @network)
                RETURNING id
                """,
                ("@token", tokenHashes[i]), ("@code", codeHashes[i]), ("@seed", seeds[i]),
                ("@commune", batch.CommuneCode), ("@counter", batch.CounterId), ("@staff", batch.StaffId), ("@procedure", batch.ProcedureCode),
                ("@field", batch.Field), ("@dossier", batch.DossierCode), ("@version", batch.QuestionnaireVersionId), ("@channel", batch.Channel),
                ("@batch", seeds.Length > 1 && i > 0 ? ids[0] : null), ("@issued", batch.IssuedAt), ("@expires", batch.ExpiresAt),
                ("@user", batch.IssuedByUserId), ("@key", batch.IssuedByKeyId), ("@network", batch.IssueNetwork)).ExecuteScalar()!;
        }
        if (seeds.Length > 1) connection.Execute("UPDATE slips SET batch_id = @id WHERE id = @id", new { id = ids[0] });
        context.Record(new SlipsCounted(batch.CommuneCode, batch.Day, batch.Channel, batch.CounterId, batch.StaffId, batch.Field, batch.ProcedureCode, seeds.Length));
        return ids;
    }

    /// <summary>Whether a procedure field exists and the staff member may issue at the counter: the checks that need the database.</summary>
    public static bool StaffAssigned(IDatabase database, long staffId, long counterId)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT count(*) FROM staff_counters sc JOIN users u ON u.id = sc.user_id WHERE sc.user_id = @staffId AND sc.counter_id = @counterId AND u.active = 1",
            new { staffId, counterId }) > 0;
    }
}
