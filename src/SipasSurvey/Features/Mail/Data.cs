using SipasSurvey.Infrastructure.Mail;

namespace SipasSurvey.Features.Mail;

internal sealed record WaitingMail(long Id, string MessageId, string ToAddress, string Subject, string BodyText, string BodyHtml, long Attempts)
{
    public MailMessage Message => new(MessageId, ToAddress, Subject, BodyText, BodyHtml);
}

/// <summary>The mail outbox (migration 0015): written in the transaction of what it tells, sent later.</summary>
internal static class Data
{
    public static void Enqueue(DbConnection connection, MailMessage message, DateTimeOffset now) =>
        connection.Execute(
            """
            INSERT INTO mail_outbox (message_id, to_address, subject, body_text, body_html, created_at, next_attempt_at)
            VALUES (@MessageId, @To, @Subject, @Text, @Html, @now, @now) ON CONFLICT DO NOTHING
            """, new { message.MessageId, message.To, message.Subject, message.Text, message.Html, now });

    public static IReadOnlyList<WaitingMail> Due(DbConnection connection, DateTimeOffset now) =>
        connection.Query<WaitingMail>(
            "SELECT id, message_id, to_address, subject, body_text, body_html, attempts FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT 50",
            new { now }).ToList();

    /// <summary>Due mail leased to this server until <paramref name="until"/> (rows another server holds are skipped), as the alert outbox does.</summary>
    public static IReadOnlyList<WaitingMail> Lease(DbConnection connection, DateTimeOffset now, DateTimeOffset until) =>
        connection.Query<WaitingMail>(
            """
            UPDATE mail_outbox SET next_attempt_at = @until
            WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= @now ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
            RETURNING id, message_id, to_address, subject, body_text, body_html, attempts
            """, new { now, until }).OrderBy(m => m.Id).ToList();

    public static void Sent(DbConnection connection, long id, DateTimeOffset at) =>
        connection.Execute("UPDATE mail_outbox SET sent_at = @at, attempts = attempts + 1, last_error = NULL WHERE id = @id", new { at, id });

    public static void Failed(DbConnection connection, long id, DateTimeOffset next, string error) =>
        connection.Execute("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error WHERE id = @id", new { next, error, id });
}
