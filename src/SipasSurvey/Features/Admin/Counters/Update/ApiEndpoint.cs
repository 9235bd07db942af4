namespace SipasSurvey.Features.Admin.Counters.Update;

/// <summary>PUT /api/v1/admin/counters/{id}: rename, move, choose the questionnaire version, (de)activate, poster mode.</summary>
internal sealed class ApiEndpoint(Update update) : AdminApiEndpoint<Request, CounterRow>
{
    public override void Configure()
    {
        Put(AdminRoutes.CounterApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => SendOutcomeAsync(update.Handle(Caller, HttpContext, request, ValidationErrors()), 200, ct);
}
