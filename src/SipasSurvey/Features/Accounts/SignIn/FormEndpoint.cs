namespace SipasSurvey.Features.Accounts.SignIn;

internal sealed class FormRequest
{
    [QueryParam] public string? ReturnUrl { get; set; }
}

/// <summary>GET /signin: the Vietnamese sign-in page.</summary>
internal sealed class FormEndpoint : Endpoint<FormRequest>
{
    public override void Configure()
    {
        Get(AccountRoutes.SignIn);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(FormRequest request, CancellationToken ct) =>
        Send.StringAsync(Page.Render(HttpContext, null, null, Forms.LocalReturnUrl(request.ReturnUrl)), 200, "text/html; charset=utf-8", ct);
}
