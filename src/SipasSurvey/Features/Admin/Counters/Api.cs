namespace SipasSurvey.Features.Admin.Counters;

public sealed class ListResponse
{
    public required IReadOnlyList<CounterRow> Counters { get; init; }
}

public sealed class UpdateRequest
{
    public long Id { get; set; }
    public string? CommuneCode { get; set; }
    public string? Name { get; set; }
    public long? QuestionnaireVersionId { get; set; }
    public bool? Active { get; set; }
    public bool? PosterEnabled { get; set; }

    public CounterInput ToInput() => new()
    {
        CommuneCode = CommuneCode, Name = Name, QuestionnaireVersionId = QuestionnaireVersionId, Active = Active, PosterEnabled = PosterEnabled,
    };
}
