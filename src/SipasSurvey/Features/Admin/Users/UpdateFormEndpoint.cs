using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Users;

/// <summary>POST /admin/users/{id} (form).</summary>
public sealed class UpdateFormEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<UserIdRequest>
{
    public override void Configure()
    {
        Post(AdminRoutes.User);
        Policies(Web.Identity.Policies.Administer);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(UserIdRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var existing = Data.Get(database, caller.ProvinceCode, request.Id);
        if (existing is null)
        {
            boundary.AuditIfForeign(caller, HttpContext, "user.update", $"user:{request.Id}", boundary.UserOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var input = Pages.Read(new PostedForm(await HttpContext.Request.ReadFormAsync(ct)), editing: true);
        var errors = Data.Validate(database, caller.ProvinceCode, input, existing);
        if (existing.Id == caller.Id && (input.Active == false || input.Role != "admin"))
            errors["role"] = "Không thể tự hạ quyền hoặc tự khóa tài khoản của mình.";
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, HttpContext, "user.update", $"user:{request.Id}", [boundary.CommuneOwner(input.CommuneCode), .. boundary.CounterOwners(input.CounterIds)]);
            await Send.StringAsync(Pages.Edit(HttpContext, database, caller.ProvinceCode, existing, errors, null), 400, StaffPage.ContentType, ct);
            return;
        }
        Data.Update(database, existing, input, AuditEntry.By(caller, HttpContext, "user.update", $"user:{existing.Id}", input, clock.GetUtcNow()));
        await Send.RedirectAsync(Pages.EditPath(existing.Id) + "?saved=1");
    }
}
