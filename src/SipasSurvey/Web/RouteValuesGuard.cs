namespace SipasSurvey.Web;

/// <summary>
/// A value named in the path cannot be named again in the query string. The request binder reads the
/// query after the route, so /api/v1/reports/communes/09568?communeCode=00070 would otherwise serve
/// 00070 while every log line, proxy rule and audit entry reads 09568. Such a request gets 400.
/// </summary>
internal sealed class RouteValuesGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var routeValues = context.Request.RouteValues;
        if (routeValues.Count > 0)
            foreach (var key in context.Request.Query.Keys)
                if (routeValues.ContainsKey(key))
                {
                    if (StatusPages.WantsHtml(context))
                    {
                        context.Response.StatusCode = 400;
                        return StatusPages.WritePageAsync(context, 400);
                    }
                    return Problems.WriteAsync(context, 400, "Bad request",
                        $"'{key}' is part of the address; it cannot be given again in the query string.");
                }
        return next(context);
    }
}
