using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Counters;

/// <summary>POST /admin/counters (form).</summary>
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
        var input = Pages.Read(new PostedForm(await HttpContext.Request.ReadFormAsync(ct)), includeFlags: false);
        var errors = Data.Validate(database, caller.ProvinceCode, input, creating: true);
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, HttpContext, "counter.create", "counter:new",
                boundary.CommuneOwner(input.CommuneCode), input.QuestionnaireVersionId is { } v ? boundary.QuestionnaireOwner(v) : null);
            await Send.StringAsync(Pages.List(HttpContext, database, caller.ProvinceCode, input, errors), 400, StaffPage.ContentType, ct);
            return;
        }
        var now = clock.GetUtcNow();
        var id = Data.Create(database, input, id => AuditEntry.By(caller, HttpContext, "counter.create", $"counter:{id}", input, now), now);
        await Send.RedirectAsync(Pages.EditPath(id) + "?saved=1");
    }
}
