using FastEndpoints;
using SipasSurvey.Web;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Questionnaires;

/// <summary>GET /api/v1/admin/questionnaires: every version, with how many of the province's counters hand it out.</summary>
public sealed class ListApiEndpoint(IDatabase database) : EndpointWithoutRequest<ListResponse>
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
