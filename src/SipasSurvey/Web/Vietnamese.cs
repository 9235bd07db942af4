using SipasSurvey.Domain.Time;

namespace SipasSurvey.Web;

/// <summary>How pages and exports write numbers and times for Vietnamese readers: "86,50%", "23/11/2026 08:15".</summary>
internal static class Vietnamese
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    public static string Percent(double? value) => value is { } v ? v.ToString("0.00", Culture) + "%" : "—";

    public static string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, Culture) : "—";

    public static string Count(long value) => value.ToString("#,0", Culture);

    public static string DateTime(DateTimeOffset? instant) =>
        instant is { } i ? VietnamTime.ToLocal(i).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
