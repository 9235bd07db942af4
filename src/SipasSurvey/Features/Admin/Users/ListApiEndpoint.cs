using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

namespace SipasSurvey.Features.Admin.Users;

/// <summary>GET /api/v1/admin/users: people of the administrator's province.</summary>
public sealed class ListApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
{
    public override void Configure()
    {
        Get("/api/v1/admin/users");
        Policies(Infrastructure.Security.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new ListResponse { Users = Data.List(database, Caller.From(User)!.ProvinceCode) }, ct);
}
