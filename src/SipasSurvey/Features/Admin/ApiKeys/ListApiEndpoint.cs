using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

namespace SipasSurvey.Features.Admin.ApiKeys;

/// <summary>GET /api/v1/admin/api-keys: keys of the province (never the secrets).</summary>
public sealed class ListApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
{
    public override void Configure()
    {
        Get("/api/v1/admin/api-keys");
        Policies(Infrastructure.Security.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new ListResponse { ApiKeys = Data.List(database, Caller.From(User)!.ProvinceCode) }, ct);
}
