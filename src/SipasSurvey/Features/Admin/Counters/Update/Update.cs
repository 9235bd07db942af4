using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Counters.Update;

/// <summary>Changing a counter of the administrator's province: one use case behind the JSON and the form endpoint.</summary>
internal sealed class Update(IDatabase database, ProvinceBoundary boundary, ReferenceCache references, TimeProvider clock)
{
    /// <param name="invalid">What the request's Validator found; reported together with the database's findings.</param>
    public AdminOutcome<CounterRow> Handle(Caller caller, HttpContext http, Request request, FieldErrors invalid)
    {
        if (Data.Get(database, caller.ProvinceCode, request.Id) is null)
        {
            boundary.AuditIfForeign(caller, http, "counter.update", $"counter:{request.Id}", boundary.CounterOwner(request.Id));
            return new AdminOutcome<CounterRow>.NotFound();
        }
        var input = request.ToInput();
        var errors = invalid.With(Data.CheckReferences(database, caller.ProvinceCode, input.CommuneCode, input.QuestionnaireVersionId));
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, http, "counter.update", $"counter:{request.Id}",
                boundary.CommuneOwner(input.CommuneCode), input.QuestionnaireVersionId is { } v ? boundary.QuestionnaireOwner(v) : null);
            return new AdminOutcome<CounterRow>.Invalid(errors);
        }
        Data.Update(database, request.Id, caller.ProvinceCode, input, AuditEntry.By(caller, http, "counter.update", $"counter:{request.Id}", input, clock.GetUtcNow()));
        // The database notifies every server when this commits, this one included; forgetting here as well makes
        // the change bite on this server's very next request, without waiting for its own notification.
        references.Changed();
        return new AdminOutcome<CounterRow>.Done(Data.Get(database, caller.ProvinceCode, request.Id)!);
    }
}
