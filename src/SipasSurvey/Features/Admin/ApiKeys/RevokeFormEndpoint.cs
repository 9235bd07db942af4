using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.ApiKeys;

/// <summary>POST /admin/api-keys/{id}/revoke (form).</summary>
public sealed class RevokeFormEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<KeyIdRequest>
{
    public override void Configure()
    {
        Post(Pages.ListPath + "/{id}/revoke");
        Policies(Web.Identity.Policies.Administer);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
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
        await Send.RedirectAsync(Pages.ListPath);
    }
}
