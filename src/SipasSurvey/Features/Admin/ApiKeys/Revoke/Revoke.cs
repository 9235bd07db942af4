using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.ApiKeys.Revoke;

internal sealed class Request
{
    public long Id { get; set; }
}

/// <summary>Revoking a key: effective on its next request (keys are looked up on every call).</summary>
internal sealed class Revoke(IDatabase database, ProvinceBoundary boundary, TimeProvider clock)
{
    public AdminOutcome<ApiKeyRow> Handle(Caller caller, HttpContext http, Request request)
    {
        if (Data.Get(database, caller.ProvinceCode, request.Id) is null)
        {
            boundary.AuditIfForeign(caller, http, "apikey.revoke", $"apikey:{request.Id}", boundary.ApiKeyOwner(request.Id));
            return new AdminOutcome<ApiKeyRow>.NotFound();
        }
        Data.Revoke(database, request.Id, caller.Id, AuditEntry.By(caller, http, "apikey.revoke", $"apikey:{request.Id}", null, clock.GetUtcNow()));
        return new AdminOutcome<ApiKeyRow>.Done(Data.Get(database, caller.ProvinceCode, request.Id)!);
    }
}
