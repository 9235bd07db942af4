namespace SipasSurvey.Features.Admin.Counters.Create;

/// <summary>POST /admin/counters (form).</summary>
internal sealed class FormEndpoint(Create create, Infrastructure.Database.IDatabase database) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.Counters);
        AsForm();
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var outcome = create.Handle(Caller, HttpContext, request, ValidationErrors());
        if (outcome is AdminOutcome<CounterRow>.Done done)
        {
            await Send.RedirectAsync(AdminRoutes.CounterPath(done.Value.Id) + "?saved=1");
            return;
        }
        await SendPageAsync(Pages.List(HttpContext, database, Caller.ProvinceCode, request.ToInput(), ((AdminOutcome<CounterRow>.Invalid)outcome).Errors), 400, ct);
    }
}
