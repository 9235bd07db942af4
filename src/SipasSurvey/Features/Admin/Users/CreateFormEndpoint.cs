using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Users;

/// <summary>POST /admin/users (form): shows the temporary password once.</summary>
public sealed class CreateFormEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post(Pages.ListPath);
        Policies(Web.Identity.Policies.Administer);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var input = Pages.Read(new PostedForm(await HttpContext.Request.ReadFormAsync(ct)), editing: false);
        var errors = Data.Validate(database, caller.ProvinceCode, input, existing: null);
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, HttpContext, "user.create", "user:new", [boundary.CommuneOwner(input.CommuneCode), .. boundary.CounterOwners(input.CounterIds)]);
            await Send.StringAsync(Pages.List(HttpContext, database, caller.ProvinceCode, input, errors), 400, StaffPage.ContentType, ct);
            return;
        }
        var now = clock.GetUtcNow();
        var (_, password) = Data.Create(database, caller.ProvinceCode, input, id => AuditEntry.By(caller, HttpContext, "user.create", $"user:{id}", input, now), now);
        await Send.StringAsync(Pages.List(HttpContext, database, caller.ProvinceCode, null, new FieldErrors(), (input.Username!.Trim().ToLowerInvariant(), password)),
            200, StaffPage.ContentType, ct);
    }
}
