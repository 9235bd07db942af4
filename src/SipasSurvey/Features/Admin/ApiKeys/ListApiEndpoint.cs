using FastEndpoints;
using SipasSurvey.Web;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.ApiKeys;

/// <summary>GET /api/v1/admin/api-keys: keys of the province (never the secrets).</summary>
public sealed class ListApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
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
