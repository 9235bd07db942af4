namespace SipasSurvey.Features.Admin.Users.ResetPassword;

/// <summary>POST /api/v1/admin/users/{id}/reset-password: a new temporary password; unlocks and ends open sessions.</summary>
internal sealed class ApiEndpoint(ResetPassword reset) : AdminApiEndpoint<Request, PasswordResetResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.UserResetPasswordApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => SendOutcomeAsync(reset.Handle(Caller, HttpContext, request), 200, ct);
}
