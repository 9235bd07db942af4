using FluentValidation;

namespace SipasSurvey.Features.Admin.Counters.Update;

/// <summary>Rename, move, choose the questionnaire version, (de)activate, poster mode: only what is sent changes.</summary>
internal sealed class Request
{
    public long Id { get; set; }
    public string? CommuneCode { get; set; }
    public string? Name { get; set; }
    public long? QuestionnaireVersionId { get; set; }
    public bool? Active { get; set; }
    public bool? PosterEnabled { get; set; }

    public CounterInput ToInput() => new()
    {
        CommuneCode = string.IsNullOrWhiteSpace(CommuneCode) ? null : CommuneCode, Name = Name?.Trim(), QuestionnaireVersionId = QuestionnaireVersionId,
        Active = Active, PosterEnabled = PosterEnabled,
    };
}

internal sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Name).Must(name => name!.Trim() is { Length: > 0 and <= 100 }).When(r => r.Name is not null)
            .WithMessage("Tên quầy cần từ 1 đến 100 ký tự (name is required, at most 100 characters).");
    }
}
