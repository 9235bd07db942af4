using FluentValidation;

namespace SipasSurvey.Features.Admin.ApiKeys.Create;

/// <summary>A new key for the one-stop software (slips) or a BI tool (reports); the JSON body and the form's fields alike.</summary>
internal sealed class Request
{
    public string? Name { get; set; }

    /// <summary>"slips": create slips for counterIds (the one-stop software). "reports": read-only reports for communeCode, or the whole province when it is absent.</summary>
    public string? Scope { get; set; }
    public IReadOnlyList<long>? CounterIds { get; set; }
    public string? CommuneCode { get; set; }

    public ApiKeyInput ToInput() => new()
    {
        Name = Name?.Trim(), Scope = Scope, CounterIds = CounterIds ?? [], CommuneCode = string.IsNullOrWhiteSpace(CommuneCode) ? null : CommuneCode,
    };
}

internal sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Name).Must(name => name?.Trim() is { Length: > 0 and <= 100 })
            .WithMessage("Đặt tên cho khóa, ví dụ tên phần mềm dùng nó (name is required, at most 100 characters).");
        RuleFor(r => r.Scope).Must(scope => scope is "slips" or "reports")
            .WithMessage("Phạm vi phải là slips (phát phiếu) hoặc reports (đọc báo cáo) (scope must be slips or reports).");
        RuleFor(r => r.CounterIds).NotEmpty().When(r => r.Scope == "slips")
            .WithMessage("Khóa phát phiếu cần ít nhất một quầy (counterIds is required for the slips scope).");
        RuleFor(r => r.CounterIds).Empty().When(r => r.Scope == "reports")
            .WithMessage("Khóa báo cáo không gắn với quầy (counterIds is only for the slips scope).");
        RuleFor(r => r.CommuneCode).Empty().When(r => r.Scope == "slips")
            .WithMessage("Khóa phát phiếu gắn với quầy, không gắn với xã (communeCode is only for the reports scope).");
    }
}
