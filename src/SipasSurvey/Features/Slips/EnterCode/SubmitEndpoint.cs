using FluentValidation;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Infrastructure.Limits;

namespace SipasSurvey.Features.Slips.EnterCode;

internal sealed class Request
{
    public string? Code { get; set; }

    public string? Typed => string.IsNullOrWhiteSpace(Code) ? null : Code.Trim();
}

/// <summary>The check character catches a mistyped character before any lookup.</summary>
internal sealed class Validator : Validator<Request>
{
    public Validator() =>
        RuleFor(r => r.Typed).Must(typed => FallbackCode.Normalize(typed) is not null).OverridePropertyName("code").WithMessage(r =>
            r.Typed is null ? "Vui lòng nhập mã in trên phiếu."
            : r.Typed.Count(char.IsAsciiLetterOrDigit) == FallbackCode.Length ? "Mã có ký tự bị gõ nhầm. Vui lòng đối chiếu từng ký tự với phiếu."
            : "Mã gồm 11 chữ và số, ví dụ ABCD-EFGH-JKM. Vui lòng kiểm tra lại.");
}

/// <summary>
/// POST /ma: a typed code leads to the slip's survey page. The check character catches a mistyped
/// character before any lookup, so the citizen hears "check the code" rather than "not found".
/// </summary>
internal sealed class SubmitEndpoint(ReadPool reads, ServerKeys keys, AbuseLimits limits, NetworkSignals networks) : Endpoint<Request>
{
    public override void Configure()
    {
        Post(CitizenRoutes.EnterCode);
        AllowAnonymous();
        AllowFormData(urlEncoded: true);
        DontThrowIfValidationFails();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        if (!limits.TryAcquire(out var retryAfter,
                (Limit.CodeDevice, AbuseLimits.Key(networks.DeviceHash(HttpContext))),
                (Limit.CodeNetwork, AbuseLimits.Key(networks.NetworkHash(HttpContext)))))
        {
            await TooManyRequests.WriteAsync(HttpContext, retryAfter);
            return;
        }
        var typedShort = request.Typed is { Length: > 20 } typed ? typed[..20] : request.Typed;
        if (ValidationFailed)
        {
            await Send.StringAsync(Page.Render(typedShort, ValidationFailures[0].ErrorMessage), 400, StaffPage.ContentType, ct);
            return;
        }
        var slip = SlipLookup.ByCode(reads, keys.TokenKey, FallbackCode.Normalize(request.Typed)!);
        if (slip is null)
        {
            await Send.StringAsync(Page.Render(typedShort, "Không tìm thấy phiếu có mã này. Vui lòng kiểm tra lại mã trên phiếu."), 404, StaffPage.ContentType, ct);
            return;
        }
        await Redirects.SeeOtherAsync(HttpContext, CitizenRoutes.SurveyPath(SlipSecrets.Token(keys.TokenKey, slip.Seed)));
    }
}
