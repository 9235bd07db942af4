using Microsoft.Extensions.Options;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Alerts;
using SipasSurvey.Features.Mail;
using SipasSurvey.Infrastructure.Mail;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Digest;

/// <summary>
/// Each working day from Sipas:Digest:Time (Vietnam time) until midnight, every commune with a leader
/// who asked for the digest gets one: its row in daily_digests, the webhook (type sipas.daily-digest)
/// and one e-mail per leader with an address, all in one transaction. The row's primary key makes it
/// once per commune and day across restarts and app servers: whoever inserts it sends, the rest skip.
/// A day with no answers still gets its short "no answers today" message.
/// </summary>
internal sealed class DigestScheduler(IOptions<DigestOptions> options, IOptions<AlertOptions> alerts, IOptions<MailOptions> mail, DailyDigest digest,
    ReadPool reads, DatabaseWriter writer, AlertWakeUp alertWake, MailWakeUp mailWake, TimeProvider clock, ILogger<DigestScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync();
            }
            catch (Exception e) when (e is ServiceUnavailableException or DbException)
            {
                logger.LogWarning("Daily digests paused: {Reason}", e.Message);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Writes the digests due now that no server has written yet; returns how many this call wrote.</summary>
    public async Task<int> SendDueAsync()
    {
        // With neither a webhook nor SMTP configured nothing could carry a digest: none is marked sent, so
        // configuring one later that evening still delivers that day's.
        if (!alerts.Value.Enabled && !mail.Value.Enabled) return 0;
        var now = clock.GetUtcNow();
        var local = VietnamTime.ToLocal(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (!options.Value.IsWorkingDay(day) || TimeOnly.FromDateTime(local.DateTime) < options.Value.SendAt) return 0;
        var dayKey = VietnamTime.DayKey(day);
        var (leaders, sent) = reads.Run(c => (Data.Leaders(c), Data.SentOn(c, dayKey)));
        var written = 0;
        foreach (var commune in leaders.GroupBy(l => l.CommuneCode).Where(g => !sent.Contains(g.Key)))
        {
            var recipients = commune.ToList();
            var figures = await digest.ComputeAsync(commune.Key, recipients[0].CommuneName, day, recipients);
            var payload = DailyDigest.Payload(figures);
            var claimed = await writer.RunAsync(c =>
            {
                if (!Data.TryClaim(c.Connection, commune.Key, dayKey, now, payload)) return false;
                if (alerts.Value.Enabled) Data.EnqueueWebhook(c.Connection, commune.Key, payload, now);
                if (mail.Value.Enabled)
                    foreach (var leader in recipients.Where(l => !string.IsNullOrWhiteSpace(l.Email)))
                        Mail.Data.Enqueue(c.Connection, DailyDigest.Mail(figures, leader), now);
                return true;
            });
            if (!claimed) continue;
            written++;
            logger.LogInformation("Daily digest of {Commune} for {Day} written ({Responses} responses)", commune.Key, dayKey, figures.Responses);
        }
        if (written > 0)
        {
            alertWake.Wake();
            mailWake.Wake();
        }
        return written;
    }
}
