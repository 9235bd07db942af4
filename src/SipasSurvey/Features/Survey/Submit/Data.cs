using System.Text.Encodings.Web;
using System.Text.Json;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Slips;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Survey.Submit;

/// <summary>A slip's stored response, as a retry compares against it.</summary>
internal sealed record EarlierResponse(long Id, byte[] BodyHash, DateTimeOffset SubmittedAt, string? Key);

/// <summary>Everything the response row holds, decided before the write is queued.</summary>
internal sealed record ResponseRow(SlipView Slip, string Channel, ValidResponse Response, string Source, string? IdempotencyKey, Web.ClientSignals Signals,
    DateTimeOffset SubmittedAt, string Day, string? Field, long Flags);

internal abstract record StoreResult
{
    public sealed record Stored(long ResponseId) : StoreResult;

    /// <summary>The slip was revoked between the read and the write.</summary>
    public sealed record Revoked : StoreResult;

    /// <summary>Another submission for the slip committed first.</summary>
    public sealed record AnsweredMeanwhile(EarlierResponse? Earlier) : StoreResult;
}

/// <summary>
/// The submission insert as a batched write: the answers a writer batch holds are inserted together
/// (on PostgreSQL one statement, one round trip, instead of one per answer).
/// </summary>
internal sealed class ResponseStore : IBatchedWrite<ResponseRow, StoreResult>
{
    public static readonly ResponseStore Instance = new();

    public IReadOnlyList<StoreResult> Write(WriteContext context, IReadOnlyList<ResponseRow> rows) =>
        rows.Count > 1 && context.Connection.PrefersArrays() ? Data.StoreMany(context, rows) : rows.Select(row => Data.Store(context, row)).ToList();
}

/// <summary>The response rows (migration 0004) and the reads integrity signals need. The insert is the hot path: prepared.</summary>
internal static class Data
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static EarlierResponse? Existing(DbConnection connection, long slipId)
    {
        using var reader = Prepared.Command(connection, "SELECT id, body_hash, submitted_at, idempotency_key FROM responses WHERE slip_id = @slip", ("@slip", slipId))
            .ExecuteReader();
        if (!reader.Read()) return null;
        return new EarlierResponse(reader.GetInt64(0), (byte[])reader[1], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    /// <summary>
    /// Runs in the writer: one insert. One response per slip is the database's job (UNIQUE(slip_id) +
    /// ON CONFLICT DO NOTHING), never check-then-insert, and a slip revoked meanwhile takes none.
    /// </summary>
    public static StoreResult Store(WriteContext context, ResponseRow row)
    {
        var slip = row.Slip;
        var response = row.Response;
        var id = Prepared.Command(context.Connection,
            """
            INSERT INTO responses (slip_id, commune_code, counter_id, staff_id, field, procedure_code, questionnaire_version_id, channel,
                day, opened_at, submitted_at, answers, expectations, demographics, comment, body_hash, idempotency_key, source,
                network_hash, device_hash, user_agent_family, flags)
            SELECT @slip, @commune, @counter, @staff, @field, @procedure, @version, @channel, @day, @opened, @submitted, @answers,
                @expectations, @demographics, @comment, @body, @key, @source, @network, @device, @ua, @flags
            WHERE NOT EXISTS (SELECT 1 FROM slips WHERE id = @slip AND revoked_at IS NOT NULL)
            ON CONFLICT (slip_id) DO NOTHING
            RETURNING id
            """,
            ("@slip", slip.Id), ("@commune", slip.CommuneCode), ("@counter", slip.CounterId), ("@staff", slip.StaffId), ("@field", row.Field),
            ("@procedure", slip.ProcedureCode), ("@version", slip.QuestionnaireVersionId), ("@channel", row.Channel), ("@day", row.Day),
            ("@opened", slip.OpenedAt), ("@submitted", row.SubmittedAt), ("@answers", response.Answers), ("@expectations", response.Expectations),
            ("@demographics", Demographics(response)), ("@comment", response.Comment),
            ("@body", response.BodyHash()), ("@key", row.IdempotencyKey), ("@source", row.Source), ("@network", row.Signals.NetworkHash),
            ("@device", row.Signals.DeviceHash), ("@ua", row.Signals.UserAgentFamily), ("@flags", row.Flags)).ExecuteScalar();
        return id is long responseId ? Stored(context, row, responseId) : NotStored(context.Connection, row);
    }

    /// <summary>
    /// Runs in the writer: a batch's answers in one insert on PostgreSQL (the rows sent as arrays), with
    /// the same rules as <see cref="Store"/>. Two answers to one slip in the same batch: the first stores,
    /// the second finds it, as if it had come a moment later.
    /// </summary>
    public static IReadOnlyList<StoreResult> StoreMany(WriteContext context, IReadOnlyList<ResponseRow> rows)
    {
        T[] Each<T>(Func<ResponseRow, T> value) => rows.Select(value).ToArray();
        var stored = new Dictionary<long, long>(rows.Count);
        using (var reader = Prepared.Command(context.Connection,
            """
            INSERT INTO responses (slip_id, commune_code, counter_id, staff_id, field, procedure_code, questionnaire_version_id, channel,
                day, opened_at, submitted_at, answers, expectations, demographics, comment, body_hash, idempotency_key, source,
                network_hash, device_hash, user_agent_family, flags)
            SELECT r.slip_id, r.commune_code, r.counter_id, r.staff_id, r.field, r.procedure_code, r.questionnaire_version_id, r.channel,
                r.day, r.opened_at, r.submitted_at, r.answers, r.expectations, r.demographics, r.comment, r.body_hash, r.idempotency_key, r.source,
                r.network_hash, r.device_hash, r.user_agent_family, r.flags
            FROM unnest(@slip::bigint[], @commune::text[], @counter::bigint[], @staff::bigint[], @field::text[], @procedure::text[], @version::bigint[],
                @channel::text[], @day::text[], @opened::bigint[], @submitted::bigint[], @answers::text[], @expectations::text[], @demographics::text[],
                @comment::text[], @body::bytea[], @key::text[], @source::text[], @network::bytea[], @device::bytea[], @ua::text[], @flags::bigint[])
                WITH ORDINALITY AS r(slip_id, commune_code, counter_id, staff_id, field, procedure_code, questionnaire_version_id, channel,
                day, opened_at, submitted_at, answers, expectations, demographics, comment, body_hash, idempotency_key, source,
                network_hash, device_hash, user_agent_family, flags, position)
            WHERE NOT EXISTS (SELECT 1 FROM slips s WHERE s.id = r.slip_id AND s.revoked_at IS NOT NULL)
            ORDER BY r.position
            ON CONFLICT (slip_id) DO NOTHING
            RETURNING slip_id, id
            """,
            ("@slip", Each(r => r.Slip.Id)), ("@commune", Each(r => r.Slip.CommuneCode)), ("@counter", Each(r => r.Slip.CounterId)),
            ("@staff", Each(r => r.Slip.StaffId)), ("@field", Each(r => r.Field)), ("@procedure", Each(r => r.Slip.ProcedureCode)),
            ("@version", Each(r => r.Slip.QuestionnaireVersionId)), ("@channel", Each(r => r.Channel)), ("@day", Each(r => r.Day)),
            ("@opened", Each(r => r.Slip.OpenedAt?.ToUnixTimeMilliseconds())), ("@submitted", Each(r => r.SubmittedAt.ToUnixTimeMilliseconds())),
            ("@answers", Each(r => r.Response.Answers)), ("@expectations", Each(r => r.Response.Expectations)),
            ("@demographics", Each(r => Demographics(r.Response))), ("@comment", Each(r => r.Response.Comment)), ("@body", Each(r => r.Response.BodyHash())),
            ("@key", Each(r => r.IdempotencyKey)), ("@source", Each(r => r.Source)), ("@network", Each(r => r.Signals.NetworkHash)),
            ("@device", Each(r => r.Signals.DeviceHash)), ("@ua", Each(r => r.Signals.UserAgentFamily)), ("@flags", Each(r => r.Flags))).ExecuteReader())
        {
            while (reader.Read()) stored.Add(reader.GetInt64(0), reader.GetInt64(1));
        }
        return rows.Select(row => stored.Remove(row.Slip.Id, out var id) ? Stored(context, row, id) : NotStored(context.Connection, row)).ToList();
    }

    private static string? Demographics(ValidResponse response) =>
        response.Demographics.Count == 0 ? null : JsonSerializer.Serialize(response.Demographics, Json);

    private static StoreResult Stored(WriteContext context, ResponseRow row, long responseId)
    {
        var slip = row.Slip;
        context.Record(new AnswerStored(responseId, slip.CommuneCode, slip.CounterId, slip.StaffId, row.Field, slip.ProcedureCode,
            slip.QuestionnaireVersionId, row.Channel, row.Day, row.Flags, row.Response.Answers, row.Response.Comment, row.SubmittedAt));
        return new StoreResult.Stored(responseId);
    }

    /// <summary>The insert took nothing: the slip has its response already, or was revoked.</summary>
    private static StoreResult NotStored(DbConnection connection, ResponseRow row) =>
        Existing(connection, row.Slip.Id) is { } earlier ? new StoreResult.AnsweredMeanwhile(earlier) : new StoreResult.Revoked();

    /// <summary>How many answers a device sent since a moment, counting at most a limit (binds @device, @since, @limit).</summary>
    public const string DeviceAnswersSinceSql =
        "SELECT count(*) FROM (SELECT 1 FROM responses WHERE device_hash = @device AND submitted_at > @since LIMIT @limit) recent";

    public static (string Name, object? Value)[] DeviceAnswersSinceParameters(byte[] device, DateTimeOffset since, int limit) =>
        [("@device", device), ("@since", since.ToUnixTimeMilliseconds()), ("@limit", (long)limit)];

    public static long DeviceAnswersSince(DbConnection connection, byte[] device, DateTimeOffset since, int limit) =>
        (long)Prepared.Command(connection, DeviceAnswersSinceSql, DeviceAnswersSinceParameters(device, since, limit)).ExecuteScalar()!;

    /// <summary>The answers of a counter's latest responses, newest first.</summary>
    public static List<string> LatestAtCounter(DbConnection connection, long counterId, int count) =>
        Strings(connection, "SELECT answers FROM responses WHERE counter_id = @counter ORDER BY id DESC LIMIT @n", ("@counter", counterId), ("@n", count));

    /// <summary>The answers of a counter's latest kiosk responses since a moment, newest first.</summary>
    public static List<string> LatestKioskAtCounter(DbConnection connection, long counterId, DateTimeOffset since, int count) =>
        Strings(connection, "SELECT answers FROM responses WHERE counter_id = @counter AND channel = 'kiosk' AND submitted_at > @since ORDER BY id DESC LIMIT @n",
            ("@counter", counterId), ("@since", since), ("@n", count));

    /// <summary>The answers of a commune's latest 200 responses: its usual pattern.</summary>
    public static List<string> LatestInCommune(DbConnection connection, string communeCode) =>
        Strings(connection, "SELECT answers FROM responses WHERE commune_code = @commune ORDER BY day DESC, id DESC LIMIT 200", ("@commune", communeCode));

    private static List<string> Strings(DbConnection connection, string sql, params (string, object?)[] parameters)
    {
        using var reader = Prepared.Command(connection, sql, parameters).ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}
