namespace SipasSurvey.Features.Admin.Questionnaires;

public sealed class ListResponse
{
    public required IReadOnlyList<VersionRow> Versions { get; init; }
}

public sealed class ImportResponse
{
    public required long VersionId { get; init; }
    public required string Key { get; init; }

    /// <summary>added, replaced, published or unchanged.</summary>
    public required string Outcome { get; init; }
}

public sealed class VersionIdRequest
{
    public long Id { get; set; }
}
