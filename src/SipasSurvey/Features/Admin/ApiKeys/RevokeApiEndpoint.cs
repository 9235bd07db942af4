using FastEndpoints;
using SipasSurvey.Web;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.ApiKeys;

/// <summary>POST /api/v1/admin/api-keys/{id}/revoke: effective on the key's next request.</summary>
public sealed class RevokeApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<KeyIdRequest, ApiKeyRow>
{
    public override void Configure()
    {
        Post(AdminRoutes.ApiKeyRevokeApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override async Task HandleAsync(KeyIdRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        if (Data.Get(database, caller.ProvinceCode, request.Id) is null)
        {
            boundary.AuditIfForeign(caller, HttpContext, "apikey.revoke", $"apikey:{request.Id}", boundary.ApiKeyOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        Data.Revoke(database, request.Id, caller.Id, AuditEntry.By(caller, HttpContext, "apikey.revoke", $"apikey:{request.Id}", null, clock.GetUtcNow()));
        await Send.OkAsync(Data.Get(database, caller.ProvinceCode, request.Id)!, ct);
    }
}
