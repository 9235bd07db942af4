namespace SipasSurvey.Features.Admin.Users.ResetPassword;

/// <summary>POST /admin/users/{id}/reset-password (form): shows the new temporary password once.</summary>
internal sealed class FormEndpoint(ResetPassword reset, IDatabase database) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.UserResetPassword);
        AsForm();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => reset.Handle(Caller, HttpContext, request) switch
    {
        AdminOutcome<PasswordResetResponse>.Done done => SendPageAsync(Pages.Edit(HttpContext, database, Caller.ProvinceCode,
            Data.Get(database, Caller.ProvinceCode, request.Id)!, new FieldErrors(), null, done.Value.TemporaryPassword), 200, ct),
        _ => SendNotFoundAsync(),
    };
}
