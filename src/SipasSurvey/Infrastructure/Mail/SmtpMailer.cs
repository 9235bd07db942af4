using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SipasSurvey.Infrastructure.Mail;

/// <summary>The "Sipas:Mail" section: the SMTP server e-mail goes through. No Host: no e-mail.</summary>
internal sealed class MailOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), StartTls (required), SslOnConnect (port 465) or None (a relay on the same host only).</summary>
    public string Security { get; set; } = "Auto";

    public string Username { get; set; } = "";

    /// <summary>Set it through the environment (Sipas__Mail__Password).</summary>
    public string Password { get; set; } = "";

    /// <summary>The sender, e.g. "Khảo sát hài lòng &lt;khaosat@hanoi.gov.vn&gt;".</summary>
    public string From { get; set; } = "SipasSurvey <khaosat@localhost>";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often waiting e-mail is looked at when nothing new wakes the sender.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>One e-mail, plain text and HTML, with a Message-ID fixed by the caller (a repeat is recognisable).</summary>
internal sealed record MailMessage(string MessageId, string To, string Subject, string Text, string Html);

/// <summary>Sends over SMTP with MailKit: one connection per batch of messages.</summary>
internal sealed class SmtpMailer(IOptions<MailOptions> options)
{
    public async Task SendAsync(IReadOnlyList<MailMessage> messages, Action<MailMessage, Exception?> sent, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, Enum.Parse<SecureSocketOptions>(settings.Security, ignoreCase: true), cancellationToken);
        if (settings.Username.Length > 0) await client.AuthenticateAsync(settings.Username, settings.Password, cancellationToken);
        foreach (var message in messages)
        {
            try
            {
                await client.SendAsync(Mime(settings, message), cancellationToken);
                sent(message, null);
            }
            catch (Exception e) when (e is SmtpCommandException or FormatException or ParseException)
            {
                sent(message, e);   // this address or message was refused; the others still go
            }
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static MimeMessage Mime(MailOptions settings, MailMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = message.MessageId };
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}
