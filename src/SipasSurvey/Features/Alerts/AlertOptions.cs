namespace SipasSurvey.Features.Alerts;

/// <summary>The "Sipas:Alerts" configuration section. No WebhookUrl: no alerts.</summary>
internal sealed class AlertOptions
{
    /// <summary>Where alerts are POSTed (the province's notification gateway: Zalo OA, SMS, e-mail…).</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>Signs each body: header X-Sipas-Signature: sha256=hex(HMAC-SHA256(secret, body)). Set it through the environment.</summary>
    public string Secret { get; set; } = "";

    /// <summary>A component whose answered items average this or lower (1–5 scale) is "low".</summary>
    public double LowComponentAtMost { get; set; } = 2.0;

    /// <summary>Per attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick retries inside one delivery attempt (jittered exponential back-off from RetryDelay).</summary>
    public int Retries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After a failed attempt the alert waits FirstBackoff, doubling up to MaxBackoff; it is never given up.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the circuit stays open after the receiver keeps failing: no request at all meanwhile.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the outbox is looked at when no new alert wakes the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
