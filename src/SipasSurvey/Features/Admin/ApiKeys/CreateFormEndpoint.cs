using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.ApiKeys;

/// <summary>POST /admin/api-keys (form): shows the new key once.</summary>
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
        var input = Pages.Read(new PostedForm(await HttpContext.Request.ReadFormAsync(ct)));
        var errors = Data.Validate(database, caller.ProvinceCode, input);
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, HttpContext, "apikey.create", "apikey:new", [boundary.CommuneOwner(input.CommuneCode), .. boundary.CounterOwners(input.CounterIds)]);
            await Send.StringAsync(Pages.List(HttpContext, database, caller.ProvinceCode, input, errors), 400, StaffPage.ContentType, ct);
            return;
        }
        var now = clock.GetUtcNow();
        var (_, key) = Data.Create(database, caller.ProvinceCode, caller.Id, input, id => AuditEntry.By(caller, HttpContext, "apikey.create", $"apikey:{id}", input, now), now);
        await Send.StringAsync(Pages.List(HttpContext, database, caller.ProvinceCode, null, new FieldErrors(), key), 200, StaffPage.ContentType, ct);
    }
}
