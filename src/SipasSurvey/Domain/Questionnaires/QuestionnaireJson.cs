using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SipasSurvey.Domain.Questionnaires;

/// <summary>
/// The canonical JSON form of a definition: what is stored and checksummed, so formatting changes in
/// a source file are not mistaken for a change of wording.
/// </summary>
internal static class QuestionnaireJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Keep Vietnamese readable in the database instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(QuestionnaireDefinition definition)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("id", definition.Id);
            json.WriteNumber("version", definition.Version);
            Text(json, "title", definition.Title);
            if (definition.Instructions is not null) Text(json, "instructions", definition.Instructions);
            json.WriteStartObject("scale");
            json.WriteNumber("min", QuestionnaireDefinition.ScaleMin);
            json.WriteNumber("max", QuestionnaireDefinition.ScaleMax);
            json.WriteStartObject("labels");
            foreach (var point in definition.Scale.OrderBy(p => p.Value))
                Text(json, point.Value.ToString(CultureInfo.InvariantCulture), point.Label);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("components");
            foreach (var component in definition.Components)
            {
                json.WriteStartObject();
                json.WriteString("id", component.Id);
                Text(json, "label", component.Label);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("items");
            foreach (var item in definition.Items)
            {
                json.WriteStartObject();
                json.WriteString("id", item.Id);
                json.WriteString("component", item.ComponentId);
                Text(json, "text", item.Text);
                if (item.Required) json.WriteBoolean("required", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (definition.FieldQuestion is { } field)
            {
                json.WriteStartObject("fieldQuestion");
                Text(json, "label", field.Label);
                json.WriteBoolean("required", field.Required);
                json.WriteEndObject();
            }
            if (definition.Expectations is { } expectations)
            {
                json.WriteStartObject("expectations");
                Text(json, "label", expectations.Label);
                json.WriteStartArray("options");
                foreach (var option in expectations.Options)
                {
                    json.WriteStartObject();
                    json.WriteNumber("value", option.Value);
                    Text(json, "label", option.Label);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                Choices(json, "areas", expectations.Areas);
                json.WriteEndObject();
            }
            if (definition.Demographics is { } demographics)
            {
                json.WriteStartObject("demographics");
                Text(json, "label", demographics.Label);
                json.WriteStartArray("questions");
                foreach (var question in demographics.Questions)
                {
                    json.WriteStartObject();
                    json.WriteString("id", question.Id);
                    Text(json, "label", question.Label);
                    Choices(json, "options", question.Options);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            if (definition.Comment is { } comment)
            {
                json.WriteStartObject("comment");
                Text(json, "label", comment.Label);
                json.WriteNumber("maxLength", comment.MaxLength);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Checksum(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    private static void Text(Utf8JsonWriter json, string name, LocalizedText text)
    {
        json.WriteStartObject(name);
        json.WriteString("vi", text.Vi);
        json.WriteString("en", text.En);
        json.WriteEndObject();
    }

    private static void Choices(Utf8JsonWriter json, string name, IReadOnlyList<ChoiceOption> options)
    {
        json.WriteStartArray(name);
        foreach (var option in options)
        {
            json.WriteStartObject();
            json.WriteString("id", option.Id);
            Text(json, "label", option.Label);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
