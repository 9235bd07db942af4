using Microsoft.AspNetCore.Antiforgery;

namespace SipasSurvey.Web;

public static class Forms
{
    /// <summary>The hidden antiforgery field every state-changing staff form carries.</summary>
    public static Html Antiforgery(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return new HtmlBuilder().Add($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">").ToHtml();
    }

    public static string? LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : null;
}
