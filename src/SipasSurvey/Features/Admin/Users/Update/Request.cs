using FluentValidation;

namespace SipasSurvey.Features.Admin.Users.Update;

/// <summary>Name, role, commune, counters, active: only what is sent changes. Deactivate instead of deleting.</summary>
internal sealed class Request
{
    public long Id { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; }
    public string? CommuneCode { get; set; }
    public IReadOnlyList<long>? CounterIds { get; set; }
    public bool? Active { get; set; }

    public UserInput ToInput() => new()
    {
        DisplayName = DisplayName?.Trim(), Role = Role, CommuneCode = string.IsNullOrWhiteSpace(CommuneCode) ? null : CommuneCode, CounterIds = CounterIds, Active = Active,
    };
}

internal sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.DisplayName).Must(name => name!.Trim() is { Length: > 0 and <= 100 }).When(r => r.DisplayName is not null)
            .WithMessage("Họ tên cần từ 1 đến 100 ký tự (displayName is required).");
        RuleFor(r => r.Role).Must(Accounts.Usernames.IsRole).When(r => r.Role is not null)
            .WithMessage("Vai trò phải là staff, leader hoặc admin (role must be staff, leader or admin).");
    }
}
