using FluentValidation;

namespace SipasSurvey.Features.Admin.Counters.Create;

/// <summary>A new counter in a commune of the administrator's province; the JSON body and the form's fields alike.</summary>
internal sealed class Request
{
    public string? CommuneCode { get; set; }
    public string? Name { get; set; }
    public long? QuestionnaireVersionId { get; set; }
    public bool? Active { get; set; }
    public bool? PosterEnabled { get; set; }

    public CounterInput ToInput() => new()
    {
        CommuneCode = CommuneCode, Name = Name?.Trim(), QuestionnaireVersionId = QuestionnaireVersionId, Active = true, PosterEnabled = PosterEnabled,
    };
}

internal sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.CommuneCode).NotEmpty().WithMessage("Chọn xã/phường của quầy (communeCode is required).");
        RuleFor(r => r.Name).Must(name => name?.Trim() is { Length: > 0 and <= 100 })
            .WithMessage("Tên quầy cần từ 1 đến 100 ký tự (name is required, at most 100 characters).");
        RuleFor(r => r.QuestionnaireVersionId).NotNull().WithMessage("Chọn phiếu khảo sát mà quầy phát (questionnaireVersionId is required).");
    }
}
