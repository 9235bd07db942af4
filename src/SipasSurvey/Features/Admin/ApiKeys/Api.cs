namespace SipasSurvey.Features.Admin.ApiKeys;

public sealed class ListResponse
{
    public required IReadOnlyList<ApiKeyRow> ApiKeys { get; init; }
}

public sealed class CreatedResponse
{
    public required ApiKeyRow ApiKey { get; init; }

    /// <summary>The key itself, shown this once: send it as "Authorization: Bearer &lt;key&gt;".</summary>
    public required string Key { get; init; }
}

public sealed class KeyIdRequest
{
    public long Id { get; set; }
}
