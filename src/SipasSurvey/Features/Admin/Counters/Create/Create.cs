using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Counters.Create;

/// <summary>Creating a counter: one use case behind the JSON and the form endpoint.</summary>
internal sealed class Create(IDatabase database, ProvinceBoundary boundary, TimeProvider clock)
{
    /// <param name="invalid">What the request's Validator found; reported together with the database's findings.</param>
    public AdminOutcome<CounterRow> Handle(Caller caller, HttpContext http, Request request, FieldErrors invalid)
    {
        var input = request.ToInput();
        var errors = invalid.With(Data.CheckReferences(database, caller.ProvinceCode, input.CommuneCode, input.QuestionnaireVersionId));
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, http, "counter.create", "counter:new",
                boundary.CommuneOwner(input.CommuneCode), input.QuestionnaireVersionId is { } v ? boundary.QuestionnaireOwner(v) : null);
            return new AdminOutcome<CounterRow>.Invalid(errors);
        }
        var now = clock.GetUtcNow();
        var id = Data.Create(database, input, id => AuditEntry.By(caller, http, "counter.create", $"counter:{id}", input, now), now);
        return new AdminOutcome<CounterRow>.Done(Data.Get(database, caller.ProvinceCode, id)!);
    }
}
