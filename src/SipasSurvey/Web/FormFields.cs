namespace SipasSurvey.Web;

/// <summary>Labelled inputs for staff forms, with the error message beside the field it belongs to.</summary>
internal static class FormFields
{
    public static Html Text(string name, string label, string? value, string? error, bool required = false, string type = "text", string? hint = null)
    {
        var b = new HtmlBuilder();
        var describedBy = error is not null ? $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"" : "";
        b.Add($"<div class=\"{(error is null ? "" : "invalid")}\"><label class=\"field\" for=\"{name}\">{label}</label>");
        if (hint is not null) b.Add($"<p class=\"muted\">{hint}</p>");
        b.Add($"<input type=\"{type}\" id=\"{name}\" name=\"{name}\" value=\"{value}\"{new Html(describedBy)}{new Html(required ? " required" : "")}>");
        if (error is not null) b.Add($"<p class=\"error\" id=\"{name}-error\">{error}</p>");
        b.Add($"</div>");
        return b.ToHtml();
    }

    public static Html Select(string name, string label, IEnumerable<(string Value, string Text)> options, string? selected, string? error, bool allowEmpty = false)
    {
        var b = new HtmlBuilder();
        var describedBy = error is not null ? $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"" : "";
        b.Add($"<div class=\"{(error is null ? "" : "invalid")}\"><label class=\"field\" for=\"{name}\">{label}</label><select id=\"{name}\" name=\"{name}\"{new Html(describedBy)}>");
        if (allowEmpty) b.Add($"<option value=\"\">—</option>");
        foreach (var (value, text) in options)
            b.Add($"<option value=\"{value}\"{new Html(value == selected ? " selected" : "")}>{text}</option>");
        b.Add($"</select>");
        if (error is not null) b.Add($"<p class=\"error\" id=\"{name}-error\">{error}</p>");
        b.Add($"</div>");
        return b.ToHtml();
    }

    public static Html Checkbox(string name, string label, bool isChecked) =>
        new HtmlBuilder().Add($"<p class=\"choices\"><label><input type=\"checkbox\" name=\"{name}\" value=\"true\"{new Html(isChecked ? " checked" : "")}> {label}</label></p>").ToHtml();

    public static Html ErrorSummary(FieldErrors errors)
    {
        if (errors.Ok) return Html.Empty;
        var b = new HtmlBuilder().Add($"<div class=\"alert\" role=\"alert\"><p>Vui lòng sửa các lỗi sau:</p><ul>");
        foreach (var (_, message) in errors) b.Add($"<li>{message}</li>");
        return b.Add($"</ul></div>").ToHtml();
    }
}

/// <summary>Reads posted form values without trusting their shape.</summary>
internal sealed class PostedForm(IFormCollection form)
{
    public string? Text(string name) => form.TryGetValue(name, out var v) && v.ToString().Trim() is { Length: > 0 } s ? s : null;

    public long? Number(string name) => long.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public bool Checked(string name) => form.TryGetValue(name, out var v) && v.Contains("true");

    public IReadOnlyList<long> Numbers(string name) =>
        form.TryGetValue(name, out var values)
            ? values.Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).Distinct().ToList()
            : [];
}
