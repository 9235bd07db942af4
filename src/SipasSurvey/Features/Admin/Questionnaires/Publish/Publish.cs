using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Questionnaires.Publish;

internal sealed class Request
{
    public long Id { get; set; }
}

/// <summary>Publishing a draft of the province's own: counters can then hand it out, and once used it never changes.</summary>
internal sealed class Publish(IDatabase database, ProvinceBoundary boundary, TimeProvider clock)
{
    public AdminOutcome<VersionRow> Handle(Caller caller, HttpContext http, Request request)
    {
        var version = Data.List(database, caller.ProvinceCode).FirstOrDefault(v => v.Id == request.Id);
        if (version is null || version.OwnerProvinceCode != caller.ProvinceCode)
        {
            boundary.AuditIfForeign(caller, http, "questionnaire.publish", $"questionnaire-version:{request.Id}", boundary.QuestionnaireOwner(request.Id));
            return new AdminOutcome<VersionRow>.NotFound();
        }
        Data.Publish(database, request.Id, caller.ProvinceCode, AuditEntry.By(caller, http, "questionnaire.publish", $"questionnaire:{version.Key}", null, clock.GetUtcNow()));
        return new AdminOutcome<VersionRow>.Done(Data.List(database, caller.ProvinceCode).First(v => v.Id == request.Id));
    }
}
