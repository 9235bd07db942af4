namespace SipasSurvey.Features.Admin.ApiKeys.Revoke;

/// <summary>POST /api/v1/admin/api-keys/{id}/revoke: effective on the key's next request.</summary>
internal sealed class ApiEndpoint(Revoke revoke) : AdminApiEndpoint<Request, ApiKeyRow>
{
    public override void Configure()
    {
        Post(AdminRoutes.ApiKeyRevokeApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => SendOutcomeAsync(revoke.Handle(Caller, HttpContext, request), 200, ct);
}
