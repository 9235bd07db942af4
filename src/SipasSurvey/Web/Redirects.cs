namespace SipasSurvey.Web;

internal static class Redirects
{
    /// <summary>
    /// 303 See Other after a form post: the browser follows with a GET, so a refresh of the next page
    /// never posts again. The response is started here so the framework does not replace it with 204.
    /// </summary>
    public static Task SeeOtherAsync(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = location;
        return context.Response.StartAsync();
    }
}
