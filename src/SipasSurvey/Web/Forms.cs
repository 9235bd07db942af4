using Microsoft.AspNetCore.Antiforgery;

namespace SipasSurvey.Web;

internal static class Forms
{
    /// <summary>The hidden antiforgery field every state-changing staff form carries.</summary>
    public static Html Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new HtmlBuilder().Add($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">").ToHtml();
    }

    /// <summary>
    /// A path on this site to go back to after signing in, or null. Control characters, whitespace and
    /// backslashes are refused anywhere: browsers drop tabs and newlines from URLs ("/\t/evil.example"
    /// becomes "//evil.example", another site) and read "\" as "/", and a header cannot carry them.
    /// </summary>
    public static string? LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\' || c > '\u007e')
            ? url
            : null;
}
