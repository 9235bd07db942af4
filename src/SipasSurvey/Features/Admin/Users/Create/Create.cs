using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Users.Create;

/// <summary>The created account and its temporary password, shown once and changed at the first sign-in.</summary>
internal sealed class CreatedResponse
{
    public required UserRow User { get; init; }

    /// <summary>Shown once: hand it to the person, who must change it at first sign-in.</summary>
    public required string TemporaryPassword { get; init; }
}

/// <summary>Creating an account: one use case behind the JSON and the form endpoint.</summary>
internal sealed class Create(IDatabase database, ProvinceBoundary boundary, TimeProvider clock)
{
    /// <param name="invalid">What the request's Validator found; reported together with the database's findings.</param>
    public AdminOutcome<CreatedResponse> Handle(Caller caller, HttpContext http, Request request, FieldErrors invalid)
    {
        var input = request.ToInput();
        var errors = invalid.With(Data.CheckReferences(database, caller.ProvinceCode, input, existing: null));
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, http, "user.create", "user:new", [boundary.CommuneOwner(input.CommuneCode), .. boundary.CounterOwners(input.CounterIds)]);
            return new AdminOutcome<CreatedResponse>.Invalid(errors);
        }
        var now = clock.GetUtcNow();
        var (id, password) = Data.Create(database, caller.ProvinceCode, input, id => AuditEntry.By(caller, http, "user.create", $"user:{id}", input, now), now);
        return new AdminOutcome<CreatedResponse>.Done(new CreatedResponse { User = Data.Get(database, caller.ProvinceCode, id)!, TemporaryPassword = password });
    }
}
