using FastEndpoints;
using SipasSurvey.Web;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Questionnaires;

/// <summary>POST /admin/questionnaires/{id}/publish (form).</summary>
public sealed class PublishFormEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<VersionIdRequest>
{
    public override void Configure()
    {
        Post(PageEndpoint.Path + "/{id}/publish");
        Policies(Web.Identity.Policies.Administer);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(VersionIdRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var version = Data.List(database, caller.ProvinceCode).FirstOrDefault(v => v.Id == request.Id);
        if (version is null || version.OwnerProvinceCode != caller.ProvinceCode)
        {
            boundary.AuditIfForeign(caller, HttpContext, "questionnaire.publish", $"questionnaire-version:{request.Id}", boundary.QuestionnaireOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        Data.Publish(database, request.Id, caller.ProvinceCode, AuditEntry.By(caller, HttpContext, "questionnaire.publish", $"questionnaire:{version.Key}", null, clock.GetUtcNow()));
        await Send.RedirectAsync(PageEndpoint.Path);
    }
}
