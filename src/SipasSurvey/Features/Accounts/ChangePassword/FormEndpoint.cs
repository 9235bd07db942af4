namespace SipasSurvey.Features.Accounts.ChangePassword;

/// <summary>GET /account/password.</summary>
internal sealed class FormEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AccountRoutes.ChangePassword);
        Policies(Web.Identity.Policies.Person);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Page.Render(HttpContext, Caller.From(User)!, null, done: false), 200, "text/html; charset=utf-8", ct);
}
