namespace SipasSurvey.Domain.Responses;

/// <summary>
/// How a response came in (responses.channel, and the reports' channel parameter). Each is reported
/// apart; the default reports are "slip".
/// </summary>
internal static class Channels
{
    /// <summary>A slip issued by counter staff (printed, or shown on the counter's screen), answered on the citizen's own phone.</summary>
    public const string Slip = "slip";

    /// <summary>The counter's wall QR: anyone can answer, so unverified.</summary>
    public const string Poster = "poster";

    /// <summary>A slip issued by counter staff, answered on the counter's own tablet by a citizen without a phone.</summary>
    public const string Kiosk = "kiosk";

    public static readonly IReadOnlyList<string> All = [Slip, Poster, Kiosk];

    /// <summary>
    /// Which issued slips a channel's response rate is counted against: slip and kiosk answers are both
    /// answers to the slips staff issued, so they share that denominator (their rates add up to the share of
    /// slips answered at all); poster answers are counted against poster visits.
    /// </summary>
    public static string IssuedAs(string channel) => channel == Kiosk ? Slip : channel;
}
