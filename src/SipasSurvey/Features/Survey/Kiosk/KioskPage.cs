using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Survey.Kiosk;

/// <summary>
/// The kiosk's pages besides the form: idle (waiting for the officer to issue a slip) and done (thank
/// you, or why the slip could not be answered), which returns to idle by itself. Both work without
/// JavaScript (a meta refresh); /assets/kiosk.js makes the moves immediate and keeps them out of the history.
/// </summary>
internal static class KioskPage
{
    public const int BackAfterSeconds = 8;

    public static string Idle(CounterInfo counter)
    {
        var home = CounterRoutes.KioskPath(counter.Id);
        var b = new HtmlBuilder(2048);
        b.Add($"<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>");
        b.Add($"<div class=\"screen\" id=\"kiosk\" data-state=\"idle\" data-home=\"{home}\" data-current=\"{CounterRoutes.ScreenPath(counter.Id)}/current\">");
        b.Add($"<p class=\"muted\">{counter.CommuneName} — {counter.Name}</p>");
        b.Add($"<h1>Xin mời Ông/Bà đánh giá sự phục vụ</h1><p>Khi cán bộ phát phiếu, phiếu đánh giá sẽ hiện ngay trên máy này để Ông/Bà trả lời (không cần điện thoại).</p>");
        b.Add($"<p class=\"muted\" lang=\"en\">Your survey will appear here when the officer issues it.</p></div>");
        return Layout.Document("vi", "Đánh giá sự phục vụ — " + counter.CommuneName, b.ToHtml(), script: Web.Assets.KioskScriptPath);
    }

    public static string Done(long counterId, Language language, string title, string message)
    {
        var home = CounterRoutes.KioskPath(counterId);
        var back = language == Language.En ? "Done" : "Xong";
        var b = new HtmlBuilder(2048);
        b.Add($"<noscript><meta http-equiv=\"refresh\" content=\"{BackAfterSeconds};url={home}\"></noscript>");
        b.Add($"<div class=\"screen\" id=\"kiosk\" data-state=\"done\" data-home=\"{home}\" data-back=\"{BackAfterSeconds}\">");
        b.Add($"<h1>{title}</h1><p>{message}</p><p><a class=\"button\" href=\"{home}\">{back}</a></p></div>");
        return Layout.Document(language == Language.En ? "en" : "vi", title, b.ToHtml(), script: Web.Assets.KioskScriptPath);
    }
}
