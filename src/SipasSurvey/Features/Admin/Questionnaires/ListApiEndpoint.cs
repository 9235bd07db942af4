using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

namespace SipasSurvey.Features.Admin.Questionnaires;

/// <summary>GET /api/v1/admin/questionnaires: every version, with how many of the province's counters hand it out.</summary>
public sealed class ListApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
{
    public override void Configure()
    {
        Get("/api/v1/admin/questionnaires");
        Policies(Infrastructure.Security.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new ListResponse { Versions = Data.List(database, Caller.From(User)!.ProvinceCode) }, ct);
}
