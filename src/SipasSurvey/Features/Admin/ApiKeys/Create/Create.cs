using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.ApiKeys.Create;

internal sealed class CreatedResponse
{
    public required ApiKeyRow ApiKey { get; init; }

    /// <summary>The key itself, shown this once: send it as "Authorization: Bearer &lt;key&gt;".</summary>
    public required string Key { get; init; }
}

/// <summary>Creating a key (stored only as a hash, shown once): one use case behind the JSON and the form endpoint.</summary>
internal sealed class Create(IDatabase database, ProvinceBoundary boundary, TimeProvider clock)
{
    /// <param name="invalid">What the request's Validator found; reported together with the database's findings.</param>
    public AdminOutcome<CreatedResponse> Handle(Caller caller, HttpContext http, Request request, FieldErrors invalid)
    {
        var input = request.ToInput();
        var errors = invalid.With(Data.CheckReferences(database, caller.ProvinceCode, input));
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, http, "apikey.create", "apikey:new", [boundary.CommuneOwner(input.CommuneCode), .. boundary.CounterOwners(input.CounterIds)]);
            return new AdminOutcome<CreatedResponse>.Invalid(errors);
        }
        var now = clock.GetUtcNow();
        var (id, key) = Data.Create(database, caller.ProvinceCode, caller.Id, input, id => AuditEntry.By(caller, http, "apikey.create", $"apikey:{id}", input, now), now);
        return new AdminOutcome<CreatedResponse>.Done(new CreatedResponse { ApiKey = Data.Get(database, caller.ProvinceCode, id)!, Key = key });
    }
}
