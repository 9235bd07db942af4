namespace SipasSurvey.Features.Admin.ApiKeys.Create;

/// <summary>POST /admin/api-keys (form): shows the new key once. The form sends every field; only the chosen scope's ones count.</summary>
internal sealed class FormEndpoint(Create create, IDatabase database) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.ApiKeys);
        AsForm();
    }

    public override Task HandleAsync(Request request, CancellationToken ct)
    {
        if (request.Scope == "slips") request.CommuneCode = null;
        else request.CounterIds = [];
        var invalid = request.Scope == "reports" ? ValidationErrors().Without("counterIds") : ValidationErrors().Without("communeCode");
        return create.Handle(Caller, HttpContext, request, invalid) switch
        {
            AdminOutcome<CreatedResponse>.Done done => SendPageAsync(Pages.List(HttpContext, database, Caller.ProvinceCode, null, new FieldErrors(), done.Value.Key), 200, ct),
            AdminOutcome<CreatedResponse>.Invalid bad => SendPageAsync(Pages.List(HttpContext, database, Caller.ProvinceCode, request.ToInput(), bad.Errors), 400, ct),
            _ => SendNotFoundAsync(),
        };
    }
}
