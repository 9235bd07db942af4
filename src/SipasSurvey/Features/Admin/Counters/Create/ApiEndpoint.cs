namespace SipasSurvey.Features.Admin.Counters.Create;

/// <summary>POST /api/v1/admin/counters: a new counter in a commune of the administrator's province.</summary>
internal sealed class ApiEndpoint(Create create) : AdminApiEndpoint<Request, CounterRow>
{
    public override void Configure()
    {
        Post(AdminRoutes.CountersApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => SendOutcomeAsync(create.Handle(Caller, HttpContext, request, ValidationErrors()), 201, ct);
}
