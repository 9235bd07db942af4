namespace SipasSurvey.Web;

/// <summary>Problems with submitted fields, keyed by field name: problem details for the API, messages beside the field on pages.</summary>
internal sealed class FieldErrors : Dictionary<string, string>
{
    public FieldErrors() : base(StringComparer.Ordinal) { }

    public bool Ok => Count == 0;

    public string? For(string field) => TryGetValue(field, out var message) ? message : null;
}
