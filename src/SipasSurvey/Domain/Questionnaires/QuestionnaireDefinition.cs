namespace SipasSurvey.Domain.Questionnaires;

internal enum Language { Vi, En }

internal sealed record LocalizedText(string Vi, string En)
{
    public string In(Language language) => language == Language.En ? En : Vi;
}

internal sealed record ScalePoint(int Value, LocalizedText Label);

internal sealed record Component(string Id, LocalizedText Label, IReadOnlyList<Item> Items);

/// <summary>One rated statement. <see cref="Index"/> is its position in the version's answer string.</summary>
internal sealed record Item(string Id, string ComponentId, LocalizedText Text, bool Required, int Index);

internal sealed record ChoiceOption(string Id, LocalizedText Label);

internal sealed record FieldQuestion(LocalizedText Label, bool Required);

/// <summary>"Mong đợi": which areas the state should prioritise, each answered on a small scale (3 = Rất nhiều … 1 = Ít).</summary>
internal sealed record ExpectationsBlock(LocalizedText Label, IReadOnlyList<ScalePoint> Options, IReadOnlyList<ChoiceOption> Areas);

internal sealed record DemographicQuestion(string Id, LocalizedText Label, IReadOnlyList<ChoiceOption> Options);

internal sealed record DemographicsBlock(LocalizedText Label, IReadOnlyList<DemographicQuestion> Questions);

internal sealed record CommentBlock(LocalizedText Label, int MaxLength);

/// <summary>
/// One version of a questionnaire. Items are rated 1–5 (5 = Rất hài lòng); 4 and 5 count as satisfied.
/// Ids are a public contract: exports and integrations refer to them.
/// </summary>
internal sealed class QuestionnaireDefinition
{
    public const int ScaleMin = 1;
    public const int ScaleMax = 5;
    public const int SatisfiedFrom = 4;

    private readonly Dictionary<string, Item> _itemsById;

    public QuestionnaireDefinition(
        string id, int version, LocalizedText title, LocalizedText? instructions,
        IReadOnlyList<ScalePoint> scale, IReadOnlyList<Component> components,
        FieldQuestion? fieldQuestion, ExpectationsBlock? expectations,
        DemographicsBlock? demographics, CommentBlock? comment)
    {
        Id = id;
        Version = version;
        Title = title;
        Instructions = instructions;
        Scale = scale;
        Components = components;
        Items = components.SelectMany(c => c.Items).OrderBy(i => i.Index).ToList();
        FieldQuestion = fieldQuestion;
        Expectations = expectations;
        Demographics = demographics;
        Comment = comment;
        _itemsById = Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        Key = $"{Id}@{Version}";
        var componentPositions = components.Select((c, position) => (c.Id, position)).ToDictionary(c => c.Id, c => c.position, StringComparer.Ordinal);
        ComponentOfItem = Items.Select(i => componentPositions[i.ComponentId]).ToArray();
    }

    public string Id { get; }
    public int Version { get; }
    public LocalizedText Title { get; }
    public LocalizedText? Instructions { get; }

    /// <summary>Scale points from 5 down to 1, as the form shows them.</summary>
    public IReadOnlyList<ScalePoint> Scale { get; }
    public IReadOnlyList<Component> Components { get; }

    /// <summary>All items in answer-string order.</summary>
    public IReadOnlyList<Item> Items { get; }
    public FieldQuestion? FieldQuestion { get; }
    public ExpectationsBlock? Expectations { get; }
    public DemographicsBlock? Demographics { get; }
    public CommentBlock? Comment { get; }

    /// <summary>"sipas-2023@1": how reports and exports name a version.</summary>
    public string Key { get; }

    /// <summary>For each of <see cref="Items"/>, the position of its component in <see cref="Components"/>.</summary>
    public IReadOnlyList<int> ComponentOfItem { get; }

    public Item? FindItem(string itemId) => _itemsById.GetValueOrDefault(itemId);

    public ScalePoint ScalePoint(int value) => Scale.First(p => p.Value == value);
}
