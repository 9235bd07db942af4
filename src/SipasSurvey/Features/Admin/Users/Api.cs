namespace SipasSurvey.Features.Admin.Users;

public sealed class ListResponse
{
    public required IReadOnlyList<UserRow> Users { get; init; }
}

public sealed class CreatedResponse
{
    public required UserRow User { get; init; }

    /// <summary>Shown once: hand it to the person, who changes it at first sign-in.</summary>
    public required string TemporaryPassword { get; init; }
}

public sealed class UpdateRequest
{
    public long Id { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; }
    public string? CommuneCode { get; set; }
    public IReadOnlyList<long>? CounterIds { get; set; }
    public bool? Active { get; set; }

    public UserInput ToInput() => new() { DisplayName = DisplayName, Role = Role, CommuneCode = CommuneCode, CounterIds = CounterIds, Active = Active };
}

public sealed class UserIdRequest
{
    public long Id { get; set; }
}

public sealed class PasswordResetResponse
{
    public required string TemporaryPassword { get; init; }
}
