using FluentValidation;
using Microsoft.Extensions.Options;

namespace SipasSurvey.Features.Slips.Issue;

/// <summary>What a person or the one-stop software says about the slips to issue, from the JSON body or the counter's form.</summary>
internal interface IIssueFields
{
    int? Count { get; }
    string? ProcedureCode { get; }
    string? DossierCode { get; }
}

/// <summary>
/// The shape of the fields, judged before anything is looked up; whether the counter, the staff member and the
/// field exist is the issuer's part. Field names are the JSON and form fields'.
/// </summary>
internal abstract partial class IssueFieldsValidator<TRequest> : Validator<TRequest> where TRequest : IIssueFields
{
    protected IssueFieldsValidator()
    {
        RuleFor(r => r.Count).Must(count => count is null || (count >= 1 && count <= MaxBatch)).OverridePropertyName("count")
            .WithMessage(r => $"count must be between 1 and {MaxBatch} (got {r.Count}).");
        RuleFor(r => r.ProcedureCode!.Trim()).Matches(ProcedureCodePattern()).When(r => !string.IsNullOrWhiteSpace(r.ProcedureCode))
            .OverridePropertyName("procedureCode")
            .WithMessage(r => $"procedureCode '{Shorten(r.ProcedureCode!.Trim())}' is malformed: expected d.dddddd, e.g. 1.001193.");
        RuleFor(r => r.DossierCode!.Trim()).Matches(DossierCodePattern()).When(r => !string.IsNullOrWhiteSpace(r.DossierCode))
            .OverridePropertyName("dossierCode")
            .WithMessage(r => $"dossierCode '{Shorten(r.DossierCode!.Trim())}' is malformed: 3–50 characters of letters, digits and . - _ /, e.g. 000.00.01.H26-260930-0012.");
    }

    private int MaxBatch => Resolve<IOptions<SipasOptions>>().Value.Slips.MaxBatch;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial System.Text.RegularExpressions.Regex ProcedureCodePattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-_/]{2,49}$")]
    private static partial System.Text.RegularExpressions.Regex DossierCodePattern();

    internal static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
