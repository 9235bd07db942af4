using FluentValidation;
using Microsoft.Extensions.Options;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Digest.Settings;

internal sealed class SubmitRequest
{
    public bool? DailyDigest { get; set; }
    public string? Email { get; set; }
}

internal sealed class SubmitValidator : Validator<SubmitRequest>
{
    public SubmitValidator()
    {
        RuleFor(r => r.Email).Must(e => string.IsNullOrWhiteSpace(e) || MimeKit.MailboxAddress.TryParse(e.Trim(), out var address) && address.Address.Contains('@') && e.Trim().Length <= 254)
            .WithMessage("Địa chỉ thư điện tử không hợp lệ (ví dụ: chutich@hoankiem.hanoi.gov.vn).");
    }
}

/// <summary>POST /account/digest (form): saved for the signed-in leader only.</summary>
internal sealed class SubmitEndpoint(DatabaseWriter writer, IOptions<DigestOptions> options) : Endpoint<SubmitRequest>
{
    public override void Configure()
    {
        Post(AccountRoutes.Digest);
        Policies(Web.Identity.Policies.LeadCommune);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        DontThrowIfValidationFails();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(SubmitRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        var daily = request.DailyDigest == true && caller.CommuneCode is not null;
        if (ValidationFailures.FirstOrDefault()?.ErrorMessage is { } error)
        {
            await Send.StringAsync(Page.Render(HttpContext, caller, daily, email, error, saved: false, options.Value.Time), 400, StaffPage.ContentType, ct);
            return;
        }
        await writer.RunAsync(c =>
        {
            Data.Save(c.Connection, caller.Id, daily, email);
            return true;
        });
        await Send.RedirectAsync(AccountRoutes.Digest + "?saved=1");
    }
}
