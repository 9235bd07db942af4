using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Counters;

public sealed class UpdateFormRequest
{
    public long Id { get; set; }
}

/// <summary>POST /admin/counters/{id} (form).</summary>
public sealed class UpdateFormEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<UpdateFormRequest>
{
    public override void Configure()
    {
        Post(AdminRoutes.Counter);
        Policies(Web.Identity.Policies.Administer);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(UpdateFormRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counter = Data.Get(database, caller.ProvinceCode, request.Id);
        if (counter is null)
        {
            boundary.AuditIfForeign(caller, HttpContext, "counter.update", $"counter:{request.Id}", boundary.CounterOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var input = Pages.Read(new PostedForm(await HttpContext.Request.ReadFormAsync(ct)), includeFlags: true);
        var errors = Data.Validate(database, caller.ProvinceCode, input, creating: false);
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, HttpContext, "counter.update", $"counter:{request.Id}",
                boundary.CommuneOwner(input.CommuneCode), input.QuestionnaireVersionId is { } v ? boundary.QuestionnaireOwner(v) : null);
            await Send.StringAsync(Pages.Edit(HttpContext, database, caller.ProvinceCode, counter, errors, saved: false), 400, StaffPage.ContentType, ct);
            return;
        }
        Data.Update(database, request.Id, caller.ProvinceCode, input, AuditEntry.By(caller, HttpContext, "counter.update", $"counter:{request.Id}", input, clock.GetUtcNow()));
        await Send.RedirectAsync(Pages.EditPath(request.Id) + "?saved=1");
    }
}
