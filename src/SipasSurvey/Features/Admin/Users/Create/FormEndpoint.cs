namespace SipasSurvey.Features.Admin.Users.Create;

/// <summary>POST /admin/users (form): shows the temporary password once.</summary>
internal sealed class FormEndpoint(Create create, IDatabase database) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.Users);
        AsForm();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => create.Handle(Caller, HttpContext, request, ValidationErrors()) switch
    {
        AdminOutcome<CreatedResponse>.Done done => SendPageAsync(Pages.List(HttpContext, database, Caller.ProvinceCode, null, new FieldErrors(),
            (done.Value.User.Username, done.Value.TemporaryPassword)), 200, ct),
        AdminOutcome<CreatedResponse>.Invalid invalid => SendPageAsync(Pages.List(HttpContext, database, Caller.ProvinceCode, request.ToInput(), invalid.Errors), 400, ct),
        _ => SendNotFoundAsync(),
    };
}
