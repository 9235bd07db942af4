namespace SipasSurvey.Features.Admin.Users.Update;

/// <summary>PUT /api/v1/admin/users/{id}: name, role, commune, counters, active. Deactivate instead of deleting.</summary>
internal sealed class ApiEndpoint(Update update) : AdminApiEndpoint<Request, UserRow>
{
    public override void Configure()
    {
        Put(AdminRoutes.UserApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) =>
        SendOutcomeAsync(update.Handle(Caller, HttpContext, request, ValidationErrors()), 200, ct);
}
