using FluentValidation;
using Microsoft.Extensions.Options;

namespace SipasSurvey.Features.Slips.Issue;

/// <summary>
/// POST /api/v1/slips. The one-stop software's contract: names never change, fields may be added.
/// </summary>
internal sealed class Request : IIssueFields
{
    /// <summary>The counter the transaction happened at (must be bound to the API key).</summary>
    public long? CounterId { get; set; }

    /// <summary>How many slips: 1 after a transaction, more for a printed sheet. Default 1.</summary>
    public int? Count { get; set; }

    /// <summary>Procedure code "mã thủ tục", d.dddddd, e.g. 1.001193 (Đăng ký khai sinh).</summary>
    public string? ProcedureCode { get; set; }

    /// <summary>Field "lĩnh vực", one of the configured names, e.g. "Hộ tịch".</summary>
    public string? Field { get; set; }

    /// <summary>Dossier code "mã hồ sơ" from the one-stop software; stored for linking, never shown to the public.</summary>
    public string? DossierCode { get; set; }

    /// <summary>The officer who served the citizen (a staff account assigned to the counter).</summary>
    public long? StaffId { get; set; }

    /// <summary>
    /// true: each slip also carries its QR code as SVG markup (<c>qrSvg</c>), so the one-stop software
    /// prints after a single round trip instead of fetching <c>qrSvgUrl</c>. Default false.
    /// </summary>
    public bool? IncludeQrSvg { get; set; }
}

internal sealed class Validator : IssueFieldsValidator<Request>
{
    public Validator() => RuleFor(r => r.CounterId).NotNull().OverridePropertyName("counterId").WithMessage("counterId is required.");
}

internal sealed class Response
{
    public required IReadOnlyList<IssuedSlip> Slips { get; init; }
}

internal sealed class IssuedSlip
{
    public required long SlipId { get; init; }

    /// <summary>The secret in the survey URL (22 characters). Whoever holds it can answer once.</summary>
    public required string Token { get; init; }

    /// <summary>The survey address encoded in the QR code.</summary>
    public required string Url { get; init; }

    /// <summary>The typeable fallback, printed under the QR: "ABCD-EFGH-JKM".</summary>
    public required string Code { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required string QrSvgUrl { get; init; }
    public required string QrPngUrl { get; init; }
    public required string PrintUrl { get; init; }

    /// <summary>The QR code as SVG markup, only when the request set includeQrSvg.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? QrSvg { get; init; }
}
