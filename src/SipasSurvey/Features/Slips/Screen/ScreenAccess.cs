using System.Security.Cryptography;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Screen;

/// <summary>
/// Who may see a counter's screen: staff signed in for that counter (and the province's administrators),
/// or a device an administrator paired with it (its cookie holds a secret; the database keeps its hash).
/// </summary>
internal sealed class ScreenAccess(AccessScope scope, ReadPool reads)
{
    public const string Cookie = "sipas_screen";

    public CounterInfo? Counter(HttpContext context, long counterId)
    {
        if (Caller.From(context.User) is { IsMachine: false } caller && scope.CounterFor(caller, counterId) is { } counter) return counter;
        if (context.Request.Cookies.TryGetValue(Cookie, out var secret) && secret is { Length: > 0 and <= 64 }
            && reads.Run(c => Data.IsPaired(c, counterId, Hash(secret))))
            return scope.FindCounter(counterId);
        return null;
    }

    /// <summary>Neither a session nor a paired device: sign in first.</summary>
    public static bool IsStranger(HttpContext context) =>
        Caller.From(context.User) is null && !context.Request.Cookies.ContainsKey(Cookie);

    /// <summary>
    /// The answer to a stranger: public like every page a device without a session may need, so it answers as
    /// if the counter did not exist (404), with the way in.
    /// </summary>
    public static string StrangerPage(string path) => Layout.Document("vi", "Màn hình quầy", new HtmlBuilder()
        .Add($"<h1>Màn hình cho người dân</h1><p>Trang này hiện trên thiết bị của quầy: <a href=\"{AccountRoutes.SignIn}?returnUrl={Uri.EscapeDataString(path)}\">đăng nhập</a> bằng tài khoản cán bộ của quầy, hoặc nhờ quản trị viên tạo liên kết ghép thiết bị.</p>").ToHtml());

    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret));
}
