using FastEndpoints;
using SipasSurvey.Web;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Questionnaires;

/// <summary>POST /api/v1/admin/questionnaires/{id}/publish: a draft becomes available to counters (and immutable once used).</summary>
public sealed class PublishApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<VersionIdRequest, VersionRow>
{
    public override void Configure()
    {
        Post(AdminRoutes.QuestionnairePublishApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
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
        await Send.OkAsync(Data.List(database, caller.ProvinceCode).First(v => v.Id == request.Id), ct);
    }
}
