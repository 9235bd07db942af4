namespace SipasSurvey.Features.Admin.Users.Create;

/// <summary>POST /api/v1/admin/users: a staff member, leader or administrator, with a one-time temporary password.</summary>
internal sealed class ApiEndpoint(Create create) : AdminApiEndpoint<Request, CreatedResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.UsersApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) =>
        SendOutcomeAsync(create.Handle(Caller, HttpContext, request, ValidationErrors()), 201, ct);
}
