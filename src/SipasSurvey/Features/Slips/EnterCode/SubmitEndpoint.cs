using FastEndpoints;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Infrastructure.Limits;
using SipasSurvey.Web;

namespace SipasSurvey.Features.Slips.EnterCode;

/// <summary>
/// POST /ma: a typed code leads to the slip's survey page. The check character catches a mistyped
/// character before any lookup, so the citizen hears "check the code" rather than "not found".
/// </summary>
public sealed class SubmitEndpoint(ReadPool reads, ServerKeys keys, AbuseLimits limits, NetworkSignals networks) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post(CitizenRoutes.EnterCode);
        AllowAnonymous();
        AllowFormData(urlEncoded: true);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (!limits.TryAcquire(out var retryAfter,
                (Limit.CodeDevice, AbuseLimits.Key(networks.DeviceHash(HttpContext))),
                (Limit.CodeNetwork, AbuseLimits.Key(networks.NetworkHash(HttpContext)))))
        {
            await TooManyRequests.WriteAsync(HttpContext, retryAfter);
            return;
        }
        var typed = new PostedForm(await HttpContext.Request.ReadFormAsync(ct)).Text("code");
        var typedShort = typed is { Length: > 20 } ? typed[..20] : typed;
        var code = FallbackCode.Normalize(typed);
        if (code is null)
        {
            var message = typed is null ? "Vui lòng nhập mã in trên phiếu."
                : typed.Count(char.IsAsciiLetterOrDigit) == FallbackCode.Length ? "Mã có ký tự bị gõ nhầm. Vui lòng đối chiếu từng ký tự với phiếu."
                : "Mã gồm 11 chữ và số, ví dụ ABCD-EFGH-JKM. Vui lòng kiểm tra lại.";
            await Send.StringAsync(Page.Render(typedShort, message), 400, StaffPage.ContentType, ct);
            return;
        }
        var slip = SlipLookup.ByCode(reads, keys.TokenKey, code);
        if (slip is null)
        {
            await Send.StringAsync(Page.Render(typedShort, "Không tìm thấy phiếu có mã này. Vui lòng kiểm tra lại mã trên phiếu."), 404, StaffPage.ContentType, ct);
            return;
        }
        await Redirects.SeeOtherAsync(HttpContext, CitizenRoutes.SurveyPath(SlipSecrets.Token(keys.TokenKey, slip.Seed)));
    }
}
