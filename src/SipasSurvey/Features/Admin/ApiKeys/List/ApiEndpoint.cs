namespace SipasSurvey.Features.Admin.ApiKeys.List;

/// <summary>GET /api/v1/admin/api-keys: keys of the province (never the secrets).</summary>
internal sealed class ApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
{
    public override void Configure()
    {
        Get(AdminRoutes.ApiKeysApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new ListResponse { ApiKeys = Data.List(database, Caller.From(User)!.ProvinceCode) }, ct);
}
