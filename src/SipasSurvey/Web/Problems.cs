namespace SipasSurvey.Web;

/// <summary>RFC 9457 problem details written outside an endpoint (authentication, rate limits).</summary>
internal static class Problems
{
    /// <summary>404 as a page for browsers and as problem details for everything else, never an empty body.</summary>
    public static Task NotFoundAsync(HttpContext context)
    {
        if (StatusPages.WantsHtml(context))
        {
            context.Response.StatusCode = 404;
            return StatusPages.WritePageAsync(context, 404);
        }
        return WriteAsync(context, 404, "Not found", "Nothing exists at this address, or it is outside your scope.");
    }

    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
