namespace SipasSurvey.Features.Admin.Users.List;

/// <summary>GET /api/v1/admin/users: people of the administrator's province.</summary>
internal sealed class ApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
{
    public override void Configure()
    {
        Get(AdminRoutes.UsersApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.OkAsync(new ListResponse { Users = Data.List(database, Caller.From(User)!.ProvinceCode) }, ct);
}
