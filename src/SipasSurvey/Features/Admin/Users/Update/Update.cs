using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin.Users.Update;

/// <summary>Changing an account of the province: one use case behind the JSON and the form endpoint.</summary>
internal sealed class Update(IDatabase database, ProvinceBoundary boundary, TimeProvider clock)
{
    /// <param name="invalid">What the request's Validator found; reported together with the database's findings.</param>
    public AdminOutcome<UserRow> Handle(Caller caller, HttpContext http, Request request, FieldErrors invalid)
    {
        var existing = Data.Get(database, caller.ProvinceCode, request.Id);
        if (existing is null)
        {
            boundary.AuditIfForeign(caller, http, "user.update", $"user:{request.Id}", boundary.UserOwner(request.Id));
            return new AdminOutcome<UserRow>.NotFound();
        }
        var input = request.ToInput();
        var errors = invalid.With(Data.CheckReferences(database, caller.ProvinceCode, input, existing));
        if (existing.Id == caller.Id && (input.Active == false || input.Role is not null && input.Role != "admin"))
            errors.TryAdd("role", "Không thể tự hạ quyền hoặc tự khóa tài khoản của mình (you cannot demote or deactivate yourself).");
        if (!errors.Ok)
        {
            boundary.AuditIfForeign(caller, http, "user.update", $"user:{request.Id}", [boundary.CommuneOwner(input.CommuneCode), .. boundary.CounterOwners(input.CounterIds)]);
            return new AdminOutcome<UserRow>.Invalid(errors);
        }
        Data.Update(database, existing, input, AuditEntry.By(caller, http, "user.update", $"user:{existing.Id}", input, clock.GetUtcNow()));
        return new AdminOutcome<UserRow>.Done(Data.Get(database, caller.ProvinceCode, existing.Id)!);
    }
}
