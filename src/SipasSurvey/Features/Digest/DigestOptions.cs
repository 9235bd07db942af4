namespace SipasSurvey.Features.Digest;

/// <summary>The "Sipas:Digest" section: when each commune's leaders get their day in one message.</summary>
internal sealed class DigestOptions
{
    /// <summary>Vietnam time of day the digest goes out (HH:mm).</summary>
    public string Time { get; set; } = "17:00";

    /// <summary>Working days it goes out on.</summary>
    public string Days { get; set; } = "Mon,Tue,Wed,Thu,Fri";

    /// <summary>How often the scheduler looks whether a digest is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeOnly SendAt => TimeOnly.TryParseExact(Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : new TimeOnly(17, 0);

    public bool IsWorkingDay(DateOnly day) =>
        Days.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(d => d.Length >= 3 && string.Equals(d[..3], day.DayOfWeek.ToString()[..3], StringComparison.OrdinalIgnoreCase));
}
