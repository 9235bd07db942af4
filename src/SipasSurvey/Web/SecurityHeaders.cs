namespace SipasSurvey.Web;

/// <summary>
/// Security headers on every response. The CSP allows no inline script at all and inline CSS only
/// by hash; Referrer-Policy no-referrer keeps slip tokens (in survey URLs) from leaking to other sites;
/// Cache-Control no-store unless an endpoint chose otherwise.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private static readonly string Policy =
        "default-src 'none'; script-src 'self'; style-src " + string.Join(' ', Stylesheets.AllHashes) +
        "; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Tokens, temporary passwords, comments and reports must not linger in a browser's or a proxy's
        // cache: nothing is stored unless the endpoint says otherwise (the form script, say).
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            if (!response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl)) response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
