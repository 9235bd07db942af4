using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.ApiKeys;

/// <summary>POST /api/v1/admin/api-keys: a new key, returned once.</summary>
public sealed class CreateApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<ApiKeyInput, CreatedResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.ApiKeysApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override async Task HandleAsync(ApiKeyInput request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var errors = Data.Validate(database, caller.ProvinceCode, request);
        if (!errors.Ok) boundary.AuditIfForeign(caller, HttpContext, "apikey.create", "apikey:new", [boundary.CommuneOwner(request.CommuneCode), .. boundary.CounterOwners(request.CounterIds)]);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var now = clock.GetUtcNow();
        var (id, key) = Data.Create(database, caller.ProvinceCode, caller.Id, request,
            id => AuditEntry.By(caller, HttpContext, "apikey.create", $"apikey:{id}", request, now), now);
        await Send.ResponseAsync(new CreatedResponse { ApiKey = Data.Get(database, caller.ProvinceCode, id)!, Key = key }, 201, ct);
    }
}
