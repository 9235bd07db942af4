namespace SipasSurvey.Features.Admin.Users.Update;

/// <summary>POST /admin/users/{id} (form). Unchecked boxes are not sent: no counters, not active.</summary>
internal sealed class FormEndpoint(Update update, IDatabase database) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.User);
        AsForm();
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        request.Active ??= false;
        request.CounterIds ??= [];
        request.DisplayName ??= "";
        switch (update.Handle(Caller, HttpContext, request, ValidationErrors()))
        {
            case AdminOutcome<UserRow>.Done:
                await Send.RedirectAsync(AdminRoutes.UserPath(request.Id) + "?saved=1");
                return;
            case AdminOutcome<UserRow>.Invalid invalid when Data.Get(database, Caller.ProvinceCode, request.Id) is { } user:
                await SendPageAsync(Pages.Edit(HttpContext, database, Caller.ProvinceCode, user, invalid.Errors, null), 400, ct);
                return;
            default:
                await SendNotFoundAsync();
                return;
        }
    }
}
