namespace SipasSurvey.Features.Admin.Counters.List;

/// <summary>GET /api/v1/admin/counters: the counters of the administrator's province.</summary>
internal sealed class ApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
{
    public override void Configure()
    {
        Get(AdminRoutes.CountersApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new ListResponse { Counters = Data.List(database, Caller.From(User)!.ProvinceCode) }, ct);
}
