namespace SipasSurvey.Web;

/// <summary>The HTML document around every page: language, viewport, inline CSS, optional header and scripts.</summary>
internal static class Layout
{
    public static string Document(string lang, string title, Html body, Html header = default, string? script = null, string? extraCss = null, string? secondScript = null)
    {
        var page = new HtmlBuilder(4096 + body.Value.Length);
        page.Add($"<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{title}</title>");
        page.Add(new Html("<style>" + Stylesheets.Site + "</style>"));
        if (extraCss is not null) page.Add(new Html("<style>" + extraCss + "</style>"));
        if (script is not null) page.Add($"<script src=\"{script}\" defer></script>");
        if (secondScript is not null) page.Add($"<script src=\"{secondScript}\" defer></script>");
        page.Add(new Html("</head><body>"));
        if (header.Value is { Length: > 0 }) page.Add(header);
        page.Add($"<main id=\"main\">{body}</main></body></html>");
        return page.ToString();
    }
}
