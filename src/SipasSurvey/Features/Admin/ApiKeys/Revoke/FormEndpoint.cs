namespace SipasSurvey.Features.Admin.ApiKeys.Revoke;

/// <summary>POST /admin/api-keys/{id}/revoke (form).</summary>
internal sealed class FormEndpoint(Revoke revoke) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.ApiKeyRevoke);
        AsForm();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => revoke.Handle(Caller, HttpContext, request) switch
    {
        AdminOutcome<ApiKeyRow>.Done => Send.RedirectAsync(AdminRoutes.ApiKeys),
        _ => SendNotFoundAsync(),
    };
}
