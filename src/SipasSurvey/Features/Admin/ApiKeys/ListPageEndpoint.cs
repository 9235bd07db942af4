using FastEndpoints;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.ApiKeys;

/// <summary>GET /admin/api-keys.</summary>
public sealed class ListPageEndpoint(IDatabase database) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(Pages.ListPath);
        Policies(Web.Identity.Policies.Administer);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Pages.List(HttpContext, database, Caller.From(User)!.ProvinceCode, null, new FieldErrors()), 200, StaffPage.ContentType, ct);
}
