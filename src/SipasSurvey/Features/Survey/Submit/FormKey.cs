namespace SipasSurvey.Features.Survey.Submit;

/// <summary>
/// The form's idempotency key: a random value the browser receives with the form (an HttpOnly cookie
/// scoped to that slip's address) or, without cookies, that the page's script sends as the
/// Idempotency-Key header. A double tap, a refresh or a retry from the same browser is then
/// recognised as the same answer (the thank-you page again), while anyone else who holds the token
/// only ever hears "already answered".
/// </summary>
internal static class FormKey
{
    private const string Cookie = "sipas_form";

    public static void Issue(HttpContext context, string token)
    {
        if (context.Request.Cookies.TryGetValue(Cookie, out var existing) && IsKey(existing)) return;
        context.Response.Cookies.Append(Cookie, Infrastructure.Security.Secrets.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = Web.CitizenRoutes.SurveyPath(token),
                MaxAge = TimeSpan.FromDays(1),
            });
    }

    public static string? Read(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(Cookie, out var cookie) && IsKey(cookie)) return "form:" + cookie;
        var header = context.Request.Headers["Idempotency-Key"].ToString();
        return header.Length is > 0 and <= 100 ? header : null;
    }

    private static bool IsKey(string? value) => value is { Length: 22 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
