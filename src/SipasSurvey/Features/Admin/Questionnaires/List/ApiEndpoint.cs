namespace SipasSurvey.Features.Admin.Questionnaires.List;

/// <summary>GET /api/v1/admin/questionnaires: the national versions and the province's own, with how many of its counters hand each out.</summary>
internal sealed class ApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
{
    public override void Configure()
    {
        Get(AdminRoutes.QuestionnairesApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new ListResponse { Versions = Data.List(database, Caller.From(User)!.ProvinceCode) }, ct);
}
