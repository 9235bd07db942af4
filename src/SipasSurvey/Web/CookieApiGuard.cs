using Microsoft.AspNetCore.Http.Headers;

namespace SipasSurvey.Web;

/// <summary>
/// The JSON API accepts session cookies too (administrators' browsers). A cross-site HTML form can
/// only send form or text/plain bodies, so a cookie-authenticated API write with one of those types
/// is refused: together with SameSite cookies this closes CSRF on the API without tokens.
/// </summary>
internal sealed class CookieApiGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && request.Headers.Authorization.Count == 0
            && request.Cookies.ContainsKey(Identity.SessionCookie.Name)
            && IsFormLike(request.ContentType))
        {
            return Problems.WriteAsync(context, 415, "Unsupported media type",
                "API calls made with a session cookie must send JSON (Content-Type: application/json) or CSV (text/csv).");
        }
        return next(context);
    }

    private static bool IsFormLike(string? contentType) =>
        contentType is null
        || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
}
