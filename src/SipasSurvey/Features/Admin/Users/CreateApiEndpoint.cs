using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Users;

/// <summary>POST /api/v1/admin/users: a staff member, leader or administrator, with a one-time temporary password.</summary>
public sealed class CreateApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<UserInput, CreatedResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.UsersApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override async Task HandleAsync(UserInput request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var errors = Data.Validate(database, caller.ProvinceCode, request, existing: null);
        if (!errors.Ok) boundary.AuditIfForeign(caller, HttpContext, "user.create", "user:new", [boundary.CommuneOwner(request.CommuneCode), .. boundary.CounterOwners(request.CounterIds)]);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var now = clock.GetUtcNow();
        var (id, password) = Data.Create(database, caller.ProvinceCode, request,
            id => AuditEntry.By(caller, HttpContext, "user.create", $"user:{id}", request, now), now);
        await Send.ResponseAsync(new CreatedResponse { User = Data.Get(database, caller.ProvinceCode, id)!, TemporaryPassword = password }, 201, ct);
    }
}
