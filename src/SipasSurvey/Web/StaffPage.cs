namespace SipasSurvey.Web;

internal static class StaffPage
{
    public const string ContentType = "text/html; charset=utf-8";

    public static string Render(HttpContext context, string title, Html body) =>
        Layout.Document("vi", title + " — SipasSurvey", body, Chrome.Header(context, Caller.From(context.User)));
}
