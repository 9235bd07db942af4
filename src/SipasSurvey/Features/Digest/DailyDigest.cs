using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;
using System.Text.Json;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Alerts;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Features.Reports;
using SipasSurvey.Infrastructure.Mail;

namespace SipasSurvey.Features.Digest;

/// <summary>What one commune's day was, as the digest tells it (the webhook's JSON body).</summary>
internal sealed class DigestFigures
{
    public string Type { get; init; } = "sipas.daily-digest";
    public required string CommuneCode { get; init; }
    public required string CommuneName { get; init; }
    public required string Day { get; init; }

    /// <summary>The same figures as GET /api/v1/reports/communes/{code}?from=day&amp;to=day (printed slips).</summary>
    public required long Responses { get; init; }
    public required long SlipsIssued { get; init; }
    public double? ServiceIndex { get; init; }
    public double? SatisfiedShare { get; init; }

    /// <summary>The seven days before, for comparison, and the change of the service index in percentage points.</summary>
    public required PreviousDays Previous7Days { get; init; }
    public double? ServiceIndexChange { get; init; }

    /// <summary>Answers with at least one component rated low (the low-score alert's rule).</summary>
    public required long LowScoreResponses { get; init; }
    public required IReadOnlyList<DigestComment> Comments { get; init; }
    public required string DashboardUrl { get; init; }
    public required IReadOnlyList<DigestRecipient> Leaders { get; init; }
}

internal sealed record PreviousDays(string From, string To, long Responses, double? ServiceIndex);

internal sealed record DigestComment(string SubmittedAt, string Text);

internal sealed record DigestRecipient(string Username, string Name);

/// <summary>Computes a commune's digest of a day from the same report code the dashboard uses, and words it.</summary>
internal sealed class DailyDigest(ReportQuery reports, ReadPool reads, QuestionnaireCatalog catalog, IOptions<AlertOptions> alerts, IOptions<SipasOptions> site)
{
    // Vietnamese stays readable in the HTML part ("Cán bộ", not "C&#225;n b&#7897;"); only markup characters are escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public const int CommentsShown = 10;

    public async Task<DigestFigures> ComputeAsync(string communeCode, string communeName, DateOnly day, IReadOnlyList<DigestLeader> leaders)
    {
        var today = await reports.CommuneAsync(communeCode, communeName, Period.Between(day, day), "slip", false);
        var before = await reports.CommuneAsync(communeCode, communeName, Period.Between(day.AddDays(-7), day.AddDays(-1)), "slip", false);
        var responses = reads.Run(c => Data.Responses(c, communeCode, VietnamTime.DayKey(day)));
        var low = responses.Count(r => catalog.Get(r.QuestionnaireVersionId) is { } version
                                       && LowScoreAlert.LowComponents(new AlertRule(version.Definition, alerts.Value.LowComponentAtMost), r.Answers).Count > 0);
        var baseUrl = site.Value.PublicBaseUrl.TrimEnd('/');
        return new DigestFigures
        {
            CommuneCode = communeCode,
            CommuneName = communeName,
            Day = VietnamTime.DayKey(day),
            Responses = today.Responses,
            SlipsIssued = today.SlipsIssued,
            ServiceIndex = today.ServiceIndex,
            SatisfiedShare = today.SatisfiedShare,
            Previous7Days = new PreviousDays(VietnamTime.DayKey(day.AddDays(-7)), VietnamTime.DayKey(day.AddDays(-1)), before.Responses, before.ServiceIndex),
            ServiceIndexChange = today.ServiceIndex - before.ServiceIndex,
            LowScoreResponses = low,
            Comments = responses.Where(r => !string.IsNullOrWhiteSpace(r.Comment)).TakeLast(CommentsShown)
                .Select(r => new DigestComment(VietnamTime.ToLocal(r.SubmittedAt).ToString("HH:mm", CultureInfo.InvariantCulture), r.Comment!)).ToList(),
            DashboardUrl = baseUrl + ReportRoutes.CommunePagePath(communeCode),
            Leaders = leaders.Select(l => new DigestRecipient(l.Username, l.Name)).ToList(),
        };
    }

    public static string Payload(DigestFigures figures) => JsonSerializer.Serialize(figures, Json);

    /// <summary>The e-mail to one leader: Vietnamese, plain text and simple HTML, a Message-ID fixed per commune, day and leader.</summary>
    public static MailMessage Mail(DigestFigures f, DigestLeader leader)
    {
        var date = DateOnly.ParseExact(f.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var subject = f.Responses == 0
            ? $"Khảo sát hài lòng {f.CommuneName} ngày {date}: chưa có phản hồi"
            : $"Khảo sát hài lòng {f.CommuneName} ngày {date}: {f.Responses} phản hồi, tỷ lệ hài lòng {Vietnamese.Percent(f.ServiceIndex)}";
        var lines = new List<string> { $"Kính gửi {leader.Name},", "", $"Kết quả khảo sát mức độ hài lòng tại Bộ phận Một cửa {f.CommuneName} ngày {date}:" };
        if (f.Responses == 0)
            lines.Add($"- Hôm nay chưa có phản hồi nào (đã phát {f.SlipsIssued} phiếu).");
        else
        {
            lines.Add($"- Số phản hồi: {f.Responses} (đã phát {f.SlipsIssued} phiếu)");
            lines.Add($"- Tỷ lệ hài lòng: {Vietnamese.Percent(f.ServiceIndex)}{Change(f)}");
            lines.Add($"- Phản hồi có thành phần bị chấm điểm thấp: {f.LowScoreResponses}");
        }
        if (f.Comments.Count > 0)
        {
            lines.Add($"- Ý kiến mới ({f.Comments.Count}):");
            lines.AddRange(f.Comments.Select(c => $"  • {c.SubmittedAt}: “{c.Text}”"));
        }
        lines.Add("");
        lines.Add($"Xem chi tiết: {f.DashboardUrl}");
        lines.Add("");
        lines.Add("Thư gửi tự động từ SipasSurvey vì Ông/Bà đã đăng ký nhận tin hằng ngày; có thể tắt tại trang «Tin hằng ngày» sau khi đăng nhập.");
        var text = string.Join("\n", lines);
        var html = "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><body style=\"font-family:Arial,sans-serif\">" +
                   string.Join("", lines.Select(l => l.Length == 0 ? "<br>" : $"<p style=\"margin:0\">{Html.Encode(l)}</p>")) + "</body></html>";
        return new MailMessage($"<digest-{f.CommuneCode}-{f.Day}-{leader.Id}@sipas>", leader.Email!, subject, text, html);
    }

    private static string Change(DigestFigures f) =>
        f.Previous7Days.ServiceIndex is null ? " (7 ngày trước: chưa có phản hồi)"
        : $" (7 ngày trước: {Vietnamese.Percent(f.Previous7Days.ServiceIndex)}; {(f.ServiceIndexChange >= 0 ? "tăng" : "giảm")} {Math.Abs(f.ServiceIndexChange ?? 0).ToString("0.0", CultureInfo.GetCultureInfo("vi-VN"))} điểm)";
}
