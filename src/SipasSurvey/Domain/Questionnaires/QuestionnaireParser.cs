using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SipasSurvey.Domain.Questionnaires;

internal sealed record QuestionnaireParseResult(QuestionnaireDefinition? Definition, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Definition is not null && Problems.Count == 0;
}

/// <summary>
/// Reads a questionnaire definition (JSON) and checks all of it, reporting every problem with its
/// JSON path rather than stopping at the first. Texts are normalised to Unicode NFC.
/// </summary>
internal static partial class QuestionnaireParser
{
    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$")]
    private static partial Regex QuestionnaireIdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,31}$")]
    private static partial Regex CodeIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex OptionIdPattern();

    private static readonly string[] RootProperties =
        ["$schema", "id", "version", "title", "instructions", "scale", "components", "items", "fieldQuestion", "expectations", "demographics", "comment"];

    public static QuestionnaireParseResult Parse(string json, string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "$";
            return new(null, [new ImportProblem(file, where, "not valid JSON: " + FirstSentence(e.Message))]);
        }

        using (document)
        {
            var reader = new Reader(file);
            var definition = reader.ReadDefinition(document.RootElement);
            return reader.Problems.Count == 0 ? new(definition, []) : new(null, reader.Problems);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    private sealed class Reader(string file)
    {
        public List<ImportProblem> Problems { get; } = [];

        private void Problem(string path, string message) => Problems.Add(new ImportProblem(file, path, message));

        public QuestionnaireDefinition? ReadDefinition(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("$", "the definition must be a JSON object");
                return null;
            }
            OnlyKnown(root, "$", RootProperties);

            var id = String(root, "$", "id", required: true);
            if (id is not null && !QuestionnaireIdPattern().IsMatch(id))
                Problem("$.id", $"'{id}' is not a valid questionnaire id (lower-case letters, digits and '-', e.g. sipas-2023)");
            var version = Integer(root, "$", "version", required: true, min: 1, max: 10_000);
            var title = Text(root, "$", "title", required: true);
            var instructions = Text(root, "$", "instructions", required: false);
            var scale = ReadScale(root);
            var components = ReadComponents(root);
            var fieldQuestion = ReadFieldQuestion(root);
            var expectations = ReadExpectations(root);
            var demographics = ReadDemographics(root);
            var comment = ReadComment(root);

            if (Problems.Count > 0 || id is null || version is null || title is null || scale is null || components is null)
                return null;
            return new QuestionnaireDefinition(id, version.Value, title, instructions, scale, components,
                fieldQuestion, expectations, demographics, comment);
        }

        private List<ScalePoint>? ReadScale(JsonElement root)
        {
            if (!Object(root, "$", "scale", required: true, out var scale)) return null;
            const string path = "$.scale";
            OnlyKnown(scale, path, "min", "max", "labels");
            var min = Integer(scale, path, "min", required: true, min: int.MinValue, max: int.MaxValue);
            var max = Integer(scale, path, "max", required: true, min: int.MinValue, max: int.MaxValue);
            if (min is not null && max is not null && (min != QuestionnaireDefinition.ScaleMin || max != QuestionnaireDefinition.ScaleMax))
                Problem(path, $"scale mismatch: the scale is {min}–{max}, but SIPAS figures need 1–5 (4 and 5 count as satisfied)");
            if (!Object(scale, path, "labels", required: true, out var labels)) return null;
            var points = new List<ScalePoint>();
            foreach (var property in labels.EnumerateObject())
            {
                if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    || value < QuestionnaireDefinition.ScaleMin || value > QuestionnaireDefinition.ScaleMax)
                {
                    Problem($"{path}.labels.{property.Name}", "scale mismatch: labels are keyed by the values 1 to 5");
                    continue;
                }
                var label = TextValue(property.Value, $"{path}.labels.{property.Name}");
                if (label is not null) points.Add(new ScalePoint(value, label));
            }
            for (var value = QuestionnaireDefinition.ScaleMin; value <= QuestionnaireDefinition.ScaleMax; value++)
                if (!labels.TryGetProperty(value.ToString(CultureInfo.InvariantCulture), out _))
                    Problem($"{path}.labels", $"scale mismatch: no label for the value {value}");
            return points.OrderByDescending(p => p.Value).ToList();
        }

        private List<Component>? ReadComponents(JsonElement root)
        {
            var componentElements = Array(root, "$", "components", required: true);
            var itemElements = Array(root, "$", "items", required: true);
            if (componentElements is null || itemElements is null) return null;

            var components = new List<(string Id, LocalizedText Label)>();
            var firstSeen = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < componentElements.Count; i++)
            {
                var path = $"$.components[{i}]";
                if (!IsObject(componentElements[i], path)) continue;
                OnlyKnown(componentElements[i], path, "id", "label");
                var id = String(componentElements[i], path, "id", required: true);
                var label = Text(componentElements[i], path, "label", required: true);
                if (id is null) continue;
                if (!CodeIdPattern().IsMatch(id))
                    Problem(path + ".id", $"'{id}' is not a valid component id (upper-case letters, digits and '_', e.g. TIEP_CAN)");
                else if (firstSeen.TryGetValue(id, out var first))
                    Problem(path + ".id", $"duplicate component id '{id}' (first at {first})");
                else
                {
                    firstSeen[id] = path;
                    if (label is not null) components.Add((id, label));
                }
            }
            if (componentElements.Count == 0) Problem("$.components", "a questionnaire needs at least one component");

            var items = new List<Item>();
            var itemSeen = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < itemElements.Count; i++)
            {
                var path = $"$.items[{i}]";
                if (!IsObject(itemElements[i], path)) continue;
                OnlyKnown(itemElements[i], path, "id", "component", "text", "required");
                var id = String(itemElements[i], path, "id", required: true);
                var component = String(itemElements[i], path, "component", required: true);
                var text = Text(itemElements[i], path, "text", required: true);
                var required = Boolean(itemElements[i], path, "required") ?? false;
                if (id is not null)
                {
                    if (!CodeIdPattern().IsMatch(id))
                        Problem(path + ".id", $"'{id}' is not a valid item id (upper-case letters, digits and '_', e.g. TC1)");
                    else if (itemSeen.TryGetValue(id, out var first))
                        Problem(path + ".id", $"duplicate item id '{id}' (first at {first})");
                    else itemSeen[id] = path;
                }
                if (component is not null && !firstSeen.ContainsKey(component))
                    Problem(path + ".component", $"unknown component '{component}': it is not listed in $.components");
                if (id is not null && component is not null && text is not null)
                    items.Add(new Item(id, component, text, required, items.Count));
            }
            if (itemElements.Count == 0) Problem("$.items", "a questionnaire needs at least one item");

            foreach (var (id, _) in components)
                if (!items.Any(item => item.ComponentId == id) && itemElements.Count > 0)
                    Problem($"{firstSeen[id]}", $"component '{id}' has no items");

            return components.Select(c => new Component(c.Id, c.Label, items.Where(item => item.ComponentId == c.Id).ToList())).ToList();
        }

        private FieldQuestion? ReadFieldQuestion(JsonElement root)
        {
            if (!Object(root, "$", "fieldQuestion", required: false, out var element)) return null;
            const string path = "$.fieldQuestion";
            OnlyKnown(element, path, "label", "required");
            var label = Text(element, path, "label", required: true);
            var required = Boolean(element, path, "required") ?? false;
            return label is null ? null : new FieldQuestion(label, required);
        }

        private ExpectationsBlock? ReadExpectations(JsonElement root)
        {
            if (!Object(root, "$", "expectations", required: false, out var element)) return null;
            const string path = "$.expectations";
            OnlyKnown(element, path, "label", "options", "areas");
            var label = Text(element, path, "label", required: true);
            var options = new List<ScalePoint>();
            var optionElements = Array(element, path, "options", required: true) ?? [];
            for (var i = 0; i < optionElements.Count; i++)
            {
                var optionPath = $"{path}.options[{i}]";
                if (!IsObject(optionElements[i], optionPath)) continue;
                OnlyKnown(optionElements[i], optionPath, "value", "label");
                var value = Integer(optionElements[i], optionPath, "value", required: true, min: 1, max: 9);
                var optionLabel = Text(optionElements[i], optionPath, "label", required: true);
                if (value is not null && options.Any(o => o.Value == value))
                    Problem(optionPath + ".value", $"duplicate option value {value}");
                else if (value is not null && optionLabel is not null) options.Add(new ScalePoint(value.Value, optionLabel));
            }
            var areas = Choices(element, path, "areas", CodeIdPattern(), "area");
            if (optionElements.Count == 0) Problem(path + ".options", "expectations need at least one option");
            return label is null ? null : new ExpectationsBlock(label, options, areas);
        }

        private DemographicsBlock? ReadDemographics(JsonElement root)
        {
            if (!Object(root, "$", "demographics", required: false, out var element)) return null;
            const string path = "$.demographics";
            OnlyKnown(element, path, "label", "questions");
            var label = Text(element, path, "label", required: true);
            var questions = new List<DemographicQuestion>();
            var questionElements = Array(element, path, "questions", required: true) ?? [];
            for (var i = 0; i < questionElements.Count; i++)
            {
                var questionPath = $"{path}.questions[{i}]";
                if (!IsObject(questionElements[i], questionPath)) continue;
                OnlyKnown(questionElements[i], questionPath, "id", "label", "options");
                var id = String(questionElements[i], questionPath, "id", required: true);
                var questionLabel = Text(questionElements[i], questionPath, "label", required: true);
                var options = Choices(questionElements[i], questionPath, "options", OptionIdPattern(), "option");
                if (id is not null && !OptionIdPattern().IsMatch(id))
                    Problem(questionPath + ".id", $"'{id}' is not a valid question id (lower-case letters, digits, '_' and '-')");
                else if (id is not null && questions.Any(q => q.Id == id))
                    Problem(questionPath + ".id", $"duplicate demographic question id '{id}'");
                else if (id is not null && questionLabel is not null)
                    questions.Add(new DemographicQuestion(id, questionLabel, options));
            }
            return label is null ? null : new DemographicsBlock(label, questions);
        }

        private CommentBlock? ReadComment(JsonElement root)
        {
            if (!Object(root, "$", "comment", required: false, out var element)) return null;
            const string path = "$.comment";
            OnlyKnown(element, path, "label", "maxLength");
            var label = Text(element, path, "label", required: true);
            var maxLength = Integer(element, path, "maxLength", required: false, min: 1, max: 4000) ?? 2000;
            return label is null ? null : new CommentBlock(label, maxLength);
        }

        private List<ChoiceOption> Choices(JsonElement parent, string parentPath, string name, Regex idPattern, string what)
        {
            var result = new List<ChoiceOption>();
            var elements = Array(parent, parentPath, name, required: true) ?? [];
            if (elements.Count == 0 && parent.TryGetProperty(name, out _))
                Problem($"{parentPath}.{name}", $"at least one {what} is needed");
            for (var i = 0; i < elements.Count; i++)
            {
                var path = $"{parentPath}.{name}[{i}]";
                if (!IsObject(elements[i], path)) continue;
                OnlyKnown(elements[i], path, "id", "label");
                var id = String(elements[i], path, "id", required: true);
                var label = Text(elements[i], path, "label", required: true);
                if (id is not null && !idPattern.IsMatch(id)) Problem(path + ".id", $"'{id}' is not a valid {what} id");
                else if (id is not null && result.Any(r => r.Id == id)) Problem(path + ".id", $"duplicate {what} id '{id}'");
                else if (id is not null && label is not null) result.Add(new ChoiceOption(id, label));
            }
            return result;
        }

        private void OnlyKnown(JsonElement element, string path, params string[] known)
        {
            foreach (var property in element.EnumerateObject())
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                    Problem($"{path}.{property.Name}", $"unknown property '{property.Name}' (allowed: {string.Join(", ", known.Where(k => k != "$schema"))})");
        }

        private bool IsObject(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object) return true;
            Problem(path, $"expected an object, found {Describe(element)}");
            return false;
        }

        private bool Object(JsonElement parent, string parentPath, string name, bool required, out JsonElement element)
        {
            if (!parent.TryGetProperty(name, out element) || element.ValueKind == JsonValueKind.Null)
            {
                if (required) Problem($"{parentPath}.{name}", "missing");
                return false;
            }
            return IsObject(element, $"{parentPath}.{name}");
        }

        private List<JsonElement>? Array(JsonElement parent, string parentPath, string name, bool required)
        {
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                if (required) Problem($"{parentPath}.{name}", "missing");
                return null;
            }
            if (element.ValueKind != JsonValueKind.Array)
            {
                Problem($"{parentPath}.{name}", $"expected an array, found {Describe(element)}");
                return null;
            }
            return element.EnumerateArray().ToList();
        }

        private string? String(JsonElement parent, string parentPath, string name, bool required)
        {
            var path = $"{parentPath}.{name}";
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                if (required) Problem(path, "missing");
                return null;
            }
            if (element.ValueKind != JsonValueKind.String)
            {
                Problem(path, $"expected a string, found {Describe(element)}");
                return null;
            }
            var raw = TextOf(element);
            if (raw is null || !Responses.ResponseValidator.IsWellFormed(raw))
            {
                Problem(path, "contains text that is not valid Unicode (a lone surrogate)");
                return null;
            }
            var value = raw.Trim().Normalize(NormalizationForm.FormC);
            if (value.Length == 0)
            {
                Problem(path, "empty");
                return null;
            }
            return value;
        }

        private int? Integer(JsonElement parent, string parentPath, string name, bool required, int min, int max)
        {
            var path = $"{parentPath}.{name}";
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                if (required) Problem(path, "missing");
                return null;
            }
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
            {
                Problem(path, $"expected a whole number, found {Describe(element)}");
                return null;
            }
            if (value < min || value > max)
            {
                Problem(path, $"{value} is out of range ({min}–{max})");
                return null;
            }
            return value;
        }

        private bool? Boolean(JsonElement parent, string parentPath, string name)
        {
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return null;
            if (element.ValueKind is JsonValueKind.True or JsonValueKind.False) return element.GetBoolean();
            Problem($"{parentPath}.{name}", $"expected true or false, found {Describe(element)}");
            return null;
        }

        private LocalizedText? Text(JsonElement parent, string parentPath, string name, bool required)
        {
            var path = $"{parentPath}.{name}";
            if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                if (required) Problem(path, "missing");
                return null;
            }
            return TextValue(element, path);
        }

        private LocalizedText? TextValue(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Problem(path, $"expected an object with \"vi\" and \"en\" labels, found {Describe(element)}");
                return null;
            }
            OnlyKnown(element, path, "vi", "en");
            var vi = String(element, path, "vi", required: true);
            var en = String(element, path, "en", required: true);
            return vi is null || en is null ? null : new LocalizedText(vi, en);
        }

        /// <summary>The string, or null when its escapes spell no valid UTF-16 (a lone surrogate such as "\ud800").</summary>
        private static string? TextOf(JsonElement element)
        {
            try
            {
                return element.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => TextOf(element) is { } text ? $"the string \"{Shorten(text)}\"" : "a string that is not valid Unicode",
            JsonValueKind.Number => $"the number {element.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        };

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }
}
