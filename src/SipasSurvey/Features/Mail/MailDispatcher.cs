using Microsoft.Extensions.Options;
using SipasSurvey.Features.Alerts;
using SipasSurvey.Infrastructure.Mail;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Mail;

/// <summary>
/// Sends the mail outbox over SMTP: a message is marked sent once the server accepted it; one that
/// fails waits with the alert outbox's growing, jittered delay and is never dropped. App servers
/// sharing a database lease their rows, so each message goes out once.
/// </summary>
internal sealed class MailDispatcher(IOptions<MailOptions> options, IOptions<AlertOptions> backoff, SmtpMailer mailer, ReadPool reads, IDatabase database,
    DatabaseWriter writer, MailWakeUp wake, TimeProvider clock, ILogger<MailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ServiceUnavailableException or DbException)
            {
                logger.LogWarning("Sending e-mail paused: {Reason}", e.Message);
            }
            try
            {
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = database.Shared
            ? await writer.RunAsync(c => Data.Lease(c.Connection, now, now + LeaseTime))
            : reads.Run(c => Data.Due(c, now));
        if (due.Count == 0) return 0;
        var outcomes = new List<(WaitingMail Mail, string? Error)>();
        try
        {
            await mailer.SendAsync(due.Select(d => d.Message).ToList(),
                (message, error) => outcomes.Add((due.First(d => d.MessageId == message.MessageId), error?.Message)), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The SMTP server could not be reached or refused the session: every message not yet sent waits.
            foreach (var mail in due.Where(d => outcomes.All(o => o.Mail.Id != d.Id))) outcomes.Add((mail, e.GetType().Name + ": " + e.Message));
        }
        var at = clock.GetUtcNow();
        await writer.RunAsync(c =>
        {
            foreach (var (mail, error) in outcomes)
                if (error is null) Data.Sent(c.Connection, mail.Id, at);
                else Data.Failed(c.Connection, mail.Id, at + AlertDispatcher.Backoff(backoff.Value, (int)mail.Attempts + 1, Random.Shared.NextDouble()), error);
            return true;
        });
        foreach (var (mail, error) in outcomes.Where(o => o.Error is not null))
            logger.LogWarning("E-mail {MailId} not sent ({Error}); it will be tried again", mail.Id, error);
        return outcomes.Count(o => o.Error is null);
    }
}

/// <summary>Tells the mail dispatcher that mail was committed.</summary>
internal sealed class MailWakeUp : Infrastructure.WakeUp;
