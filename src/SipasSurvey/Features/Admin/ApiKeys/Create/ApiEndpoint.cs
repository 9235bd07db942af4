namespace SipasSurvey.Features.Admin.ApiKeys.Create;

/// <summary>POST /api/v1/admin/api-keys: a new key, returned once.</summary>
internal sealed class ApiEndpoint(Create create) : AdminApiEndpoint<Request, CreatedResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.ApiKeysApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) =>
        SendOutcomeAsync(create.Handle(Caller, HttpContext, request, ValidationErrors()), 201, ct);
}
