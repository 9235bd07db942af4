using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.ApiKeys.Revoke;

internal sealed class Request
{
    public long Id { get; set; }
}

/// <summary>
/// Revoking a key: effective on its next request here (this server forgets the keys it kept), and on other app servers
/// as soon as the database's change notification reaches them (<see cref="ReferenceCache"/>).
/// </summary>
internal sealed class Revoke(IDatabase database, ProvinceBoundary boundary, ReferenceCache references, TimeProvider clock)
{
    public AdminOutcome<ApiKeyRow> Handle(Caller caller, HttpContext http, Request request)
    {
        if (Data.Get(database, caller.ProvinceCode, request.Id) is null)
        {
            boundary.AuditIfForeign(caller, http, "apikey.revoke", $"apikey:{request.Id}", boundary.ApiKeyOwner(request.Id));
            return new AdminOutcome<ApiKeyRow>.NotFound();
        }
        Data.Revoke(database, request.Id, caller.Id, AuditEntry.By(caller, http, "apikey.revoke", $"apikey:{request.Id}", null, clock.GetUtcNow()));
        // The database notifies every server when this commits, this one included; forgetting here as well makes
        // the change bite on this server's very next request, without waiting for its own notification.
        references.Changed();
        return new AdminOutcome<ApiKeyRow>.Done(Data.Get(database, caller.ProvinceCode, request.Id)!);
    }
}
