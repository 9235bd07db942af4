namespace SipasSurvey.Web;

internal static class TooManyRequests
{
    /// <summary>429 with Retry-After: a short Vietnamese page for people, problem details for the API.</summary>
    public static Task WriteAsync(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api"))
            return Problems.WriteAsync(context, 429, "Too many requests", "Please slow down and retry after the number of seconds in Retry-After.");
        context.Response.StatusCode = 429;
        context.Response.ContentType = "text/html; charset=utf-8";
        var body = new HtmlBuilder().Add($"<h1>Vui lòng đợi một lát</h1><p>Có quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ít phút.</p>").ToHtml();
        return context.Response.WriteAsync(Layout.Document("vi", "Vui lòng đợi một lát", body));
    }
}
