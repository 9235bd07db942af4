using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Users;

/// <summary>PUT /api/v1/admin/users/{id}: name, role, commune, counters, active. Deactivate instead of deleting.</summary>
public sealed class UpdateApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<UpdateRequest, UserRow>
{
    public override void Configure()
    {
        Put(AdminRoutes.UserApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override async Task HandleAsync(UpdateRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var existing = Data.Get(database, caller.ProvinceCode, request.Id);
        if (existing is null)
        {
            boundary.AuditIfForeign(caller, HttpContext, "user.update", $"user:{request.Id}", boundary.UserOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var input = request.ToInput();
        var errors = Data.Validate(database, caller.ProvinceCode, input, existing);
        if (!errors.Ok) boundary.AuditIfForeign(caller, HttpContext, "user.update", $"user:{request.Id}", [boundary.CommuneOwner(input.CommuneCode), .. boundary.CounterOwners(input.CounterIds)]);
        this.AddErrors(errors);
        if (existing.Id == caller.Id && (input.Active == false || (input.Role is not null && input.Role != "admin")))
            AddError(r => r.Role!, "Không thể tự hạ quyền hoặc tự khóa tài khoản của mình (you cannot demote or deactivate yourself).");
        ThrowIfAnyErrors();
        Data.Update(database, existing, input, AuditEntry.By(caller, HttpContext, "user.update", $"user:{existing.Id}", input, clock.GetUtcNow()));
        await Send.OkAsync(Data.Get(database, caller.ProvinceCode, existing.Id)!, ct);
    }
}
