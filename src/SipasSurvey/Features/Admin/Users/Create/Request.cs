using FluentValidation;

namespace SipasSurvey.Features.Admin.Users.Create;

/// <summary>A staff member, leader or administrator of the administrator's province; the JSON body and the form's fields alike.</summary>
internal sealed class Request : UserInput
{
    public UserInput ToInput() => new()
    {
        Username = Username?.Trim().ToLowerInvariant(), DisplayName = DisplayName?.Trim(), Role = Role,
        CommuneCode = string.IsNullOrWhiteSpace(CommuneCode) ? null : CommuneCode, CounterIds = CounterIds,
    };
}

internal sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Username).Must(u => u?.Trim().ToLowerInvariant() is { } name && Accounts.Usernames.IsValid(name))
            .WithMessage("Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch (username: 3–64 of a-z 0-9 . _ -).");
        RuleFor(r => r.DisplayName).Must(name => name?.Trim() is { Length: > 0 and <= 100 }).WithMessage("Họ tên cần từ 1 đến 100 ký tự (displayName is required).");
        RuleFor(r => r.Role).Must(Accounts.Usernames.IsRole).WithMessage("Vai trò phải là staff, leader hoặc admin (role must be staff, leader or admin).");
    }
}
