using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Domain.Statistics;
using SipasSurvey.Domain.Time;

namespace SipasSurvey.Features.Survey.Submit;

public sealed record Submission(
    long SlipId, ValidResponse Response, string Source, string? IdempotencyKey,
    byte[]? NetworkHash, byte[]? DeviceHash, string UserAgentFamily, DateTimeOffset SubmittedAt, IntegrityRules? Rules = null,
    Alerts.AlertRule? Alert = null);

public enum SubmitStatus
{
    /// <summary>Stored now: acknowledged once the batch commits.</summary>
    Stored,

    /// <summary>The same client retried (same Idempotency-Key, same answers): the original result.</summary>
    Repeated,

    /// <summary>The slip was answered before, and this is not a retry of that answer.</summary>
    Conflict,
    Expired,
    Revoked,
    Unknown,
}

public sealed record SubmitOutcome(SubmitStatus Status, long ResponseId, DateTimeOffset SubmittedAt, long Flags, bool AlertQueued = false);

/// <summary>
/// The write behind every submission, run by the writer inside its transaction. One response per
/// slip is the database's job (UNIQUE(slip_id) + ON CONFLICT DO NOTHING), never check-then-insert;
/// the day's aggregates change in the same transaction, so they always equal the raw rows.
/// </summary>
public static class Data
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SubmitOutcome Submit(SqliteConnection connection, Submission submission)
    {
        var existing = Existing(connection, submission.SlipId);
        if (existing is { } found)
            return Repeat(found, submission);

        var slip = Slips.SlipLookup.ById(connection, submission.SlipId);
        if (slip is null) return new(SubmitStatus.Unknown, 0, default, 0);
        if (slip.RevokedAt is not null) return new(SubmitStatus.Revoked, 0, default, 0);
        if (slip.ExpiresAt <= submission.SubmittedAt) return new(SubmitStatus.Expired, 0, default, 0);

        var response = submission.Response;
        var flags = Integrity.Compute(connection, slip, submission);
        var day = VietnamTime.DayKey(submission.SubmittedAt);
        var field = slip.Field ?? response.Field;
        var id = Insert(connection, slip, submission, day, field, flags,
            response.Demographics.Count == 0 ? null : JsonSerializer.Serialize(response.Demographics, Json));
        if (id is null)
            // Another writer got there first (only possible in per-request mode): that one stands.
            return Repeat(Existing(connection, submission.SlipId)!.Value, submission);

        var counts = AnswerCounts.FromAnswers(response.Answers);
        foreach (var (dimension, key) in Slips.Issue.Data.Dimensions(slip.CounterId, slip.StaffId, field, slip.ProcedureCode))
            Prepared.Command(connection,
                """
                INSERT INTO daily_stats (commune_code, dimension, day, questionnaire_version_id, channel, flags, dimension_key, responses, counts)
                VALUES ($commune, $dimension, $day, $version, $channel, $flags, $key, 1, $counts)
                ON CONFLICT (commune_code, dimension, day, questionnaire_version_id, channel, flags, dimension_key)
                DO UPDATE SET responses = responses + 1, counts = add_counts(counts, excluded.counts)
                """,
                ("$commune", slip.CommuneCode), ("$dimension", dimension), ("$day", day), ("$version", slip.QuestionnaireVersionId),
                ("$channel", slip.Channel), ("$flags", flags), ("$key", key), ("$counts", counts)).ExecuteNonQuery();
        Prepared.Command(connection,
            """
            INSERT INTO monthly_stats (commune_code, month, questionnaire_version_id, channel, flags, responses, counts)
            VALUES ($commune, $month, $version, $channel, $flags, 1, $counts)
            ON CONFLICT (commune_code, month, questionnaire_version_id, channel, flags)
            DO UPDATE SET responses = responses + 1, counts = add_counts(counts, excluded.counts)
            """,
            ("$commune", slip.CommuneCode), ("$month", day[..7]), ("$version", slip.QuestionnaireVersionId), ("$channel", slip.Channel),
            ("$flags", flags), ("$counts", counts)).ExecuteNonQuery();
        var alerted = submission.Alert is { } rule
            && Alerts.LowScoreAlert.Enqueue(connection, rule, id.Value, slip.CommuneCode, slip.CounterId, slip.Channel, response.Answers, response.Comment, submission.SubmittedAt);
        return new(SubmitStatus.Stored, id.Value, submission.SubmittedAt, flags, alerted);
    }

    /// <summary>
    /// A slip that already has its response. Only the client that stored it, retrying with its own
    /// Idempotency-Key and the same answers, gets the original result back; anyone else (a second
    /// phone, or staff who kept the token) learns no more than "already answered", whatever answers
    /// they send, so guessing how the citizen answered is impossible.
    /// </summary>
    private static SubmitOutcome Repeat((long Id, byte[] BodyHash, DateTimeOffset SubmittedAt, long Flags, string? Key) found, Submission submission) =>
        found.Key is not null && found.Key == submission.IdempotencyKey && found.BodyHash.AsSpan().SequenceEqual(submission.Response.BodyHash())
            ? new(SubmitStatus.Repeated, found.Id, found.SubmittedAt, found.Flags)
            : new(SubmitStatus.Conflict, 0, default, 0);

    private static (long Id, byte[] BodyHash, DateTimeOffset SubmittedAt, long Flags, string? Key)? Existing(SqliteConnection connection, long slipId)
    {
        using var reader = Prepared.Command(connection, "SELECT id, body_hash, submitted_at, flags, idempotency_key FROM responses WHERE slip_id = $slip", ("$slip", slipId))
            .ExecuteReader();
        if (!reader.Read()) return null;
        return (reader.GetInt64(0), (byte[])reader[1], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private static long? Insert(SqliteConnection connection, Slips.SlipView slip, Submission submission, string day, string? field, long flags, string? demographics)
    {
        var response = submission.Response;
        return Prepared.Command(connection,
            """
            INSERT INTO responses (slip_id, commune_code, counter_id, staff_id, field, procedure_code, questionnaire_version_id, channel,
                day, opened_at, submitted_at, answers, expectations, demographics, comment, body_hash, idempotency_key, source,
                network_hash, device_hash, user_agent_family, flags)
            VALUES ($slip, $commune, $counter, $staff, $field, $procedure, $version, $channel, $day, $opened, $submitted, $answers,
                $expectations, $demographics, $comment, $body, $key, $source, $network, $device, $ua, $flags)
            ON CONFLICT (slip_id) DO NOTHING
            RETURNING id
            """,
            ("$slip", slip.Id), ("$commune", slip.CommuneCode), ("$counter", slip.CounterId), ("$staff", slip.StaffId), ("$field", field),
            ("$procedure", slip.ProcedureCode), ("$version", slip.QuestionnaireVersionId), ("$channel", slip.Channel), ("$day", day),
            ("$opened", slip.OpenedAt?.ToUnixTimeMilliseconds()), ("$submitted", submission.SubmittedAt.ToUnixTimeMilliseconds()),
            ("$answers", response.Answers), ("$expectations", response.Expectations), ("$demographics", demographics), ("$comment", response.Comment),
            ("$body", response.BodyHash()), ("$key", submission.IdempotencyKey), ("$source", submission.Source), ("$network", submission.NetworkHash),
            ("$device", submission.DeviceHash), ("$ua", submission.UserAgentFamily), ("$flags", flags)).ExecuteScalar() is long id ? id : null;
    }
}
