namespace SipasSurvey.Features.Admin.Counters.Update;

/// <summary>POST /admin/counters/{id} (form). An unchecked box is not sent at all: there it means "no".</summary>
internal sealed class FormEndpoint(Update update, IDatabase database) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.Counter);
        AsForm();
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        request.Active ??= false;
        request.PosterEnabled ??= false;
        var outcome = update.Handle(Caller, HttpContext, request, ValidationErrors());
        switch (outcome)
        {
            case AdminOutcome<CounterRow>.Done:
                await Send.RedirectAsync(AdminRoutes.CounterPath(request.Id) + "?saved=1");
                return;
            case AdminOutcome<CounterRow>.Invalid invalid when Data.Get(database, Caller.ProvinceCode, request.Id) is { } counter:
                await SendPageAsync(Pages.Edit(HttpContext, database, Caller.ProvinceCode, counter, invalid.Errors, saved: false), 400, ct);
                return;
            default:
                await SendNotFoundAsync();
                return;
        }
    }
}
