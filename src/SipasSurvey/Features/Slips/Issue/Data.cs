using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Slips.Issue;

public static class Data
{
    /// <summary>Runs inside the writer's transaction: the slips and the day's issued counts together (hashes computed beforehand).</summary>
    public static long[] Insert(SqliteConnection connection, SlipBatch batch, byte[][] seeds, byte[][] tokenHashes, byte[][] codeHashes)
    {
        var ids = new long[seeds.Length];
        for (var i = 0; i < seeds.Length; i++)
        {
            ids[i] = (long)Prepared.Command(connection,
                """
                INSERT INTO slips (token_hash, code_hash, seed, commune_code, counter_id, staff_id, procedure_code, field, dossier_code,
                                   questionnaire_version_id, channel, batch_id, issued_at, expires_at, issued_by_user_id, issued_by_key_id, issue_network)
                VALUES ($token, $code, $seed, $commune, $counter, $staff, $procedure, $field, $dossier, $version, $channel, $batch,
                        $issued, $expires, $user, $key, $network)
                RETURNING id
                """,
                ("$token", tokenHashes[i]), ("$code", codeHashes[i]), ("$seed", seeds[i]),
                ("$commune", batch.CommuneCode), ("$counter", batch.CounterId), ("$staff", batch.StaffId), ("$procedure", batch.ProcedureCode),
                ("$field", batch.Field), ("$dossier", batch.DossierCode), ("$version", batch.QuestionnaireVersionId), ("$channel", batch.Channel),
                ("$batch", seeds.Length > 1 && i > 0 ? ids[0] : null), ("$issued", batch.IssuedAt.ToUnixTimeMilliseconds()),
                ("$expires", batch.ExpiresAt.ToUnixTimeMilliseconds()), ("$user", batch.IssuedByUserId), ("$key", batch.IssuedByKeyId),
                ("$network", batch.IssueNetwork)).ExecuteScalar()!;
        }
        if (seeds.Length > 1) connection.Execute("UPDATE slips SET batch_id = @id WHERE id = @id", new { id = ids[0] });
        CountIssued(connection, batch.CommuneCode, batch.Day, batch.Channel, batch.CounterId, batch.StaffId, batch.Field, batch.ProcedureCode, seeds.Length);
        return ids;
    }

    /// <summary>Adds (or, for a revocation, subtracts) issued slips in the commune total, every breakdown and the month.</summary>
    public static void CountIssued(SqliteConnection connection, string commune, string day, string channel,
        long counterId, long? staffId, string? field, string? procedure, int delta)
    {
        Prepared.Command(connection,
            """
            INSERT INTO monthly_slip_stats (commune_code, month, channel, issued) VALUES ($commune, $month, $channel, $delta)
            ON CONFLICT (commune_code, month, channel) DO UPDATE SET issued = issued + excluded.issued
            """, ("$commune", commune), ("$month", day[..7]), ("$channel", channel), ("$delta", delta)).ExecuteNonQuery();
        foreach (var (dimension, key) in Dimensions(counterId, staffId, field, procedure))
            Prepared.Command(connection,
                """
                INSERT INTO daily_slip_stats (commune_code, dimension, day, channel, dimension_key, issued)
                VALUES ($commune, $dimension, $day, $channel, $key, $delta)
                ON CONFLICT (commune_code, dimension, day, channel, dimension_key) DO UPDATE SET issued = issued + excluded.issued
                """, ("$commune", commune), ("$dimension", dimension), ("$day", day), ("$channel", channel), ("$key", key), ("$delta", delta))
                .ExecuteNonQuery();
    }

    public static IEnumerable<(string Dimension, string Key)> Dimensions(long counterId, long? staffId, string? field, string? procedure)
    {
        yield return ("", "");
        yield return ("counter", counterId.ToString(CultureInfo.InvariantCulture));
        yield return ("staff", staffId?.ToString(CultureInfo.InvariantCulture) ?? "");
        yield return ("field", field ?? "");
        yield return ("procedure", procedure ?? "");
    }
}
