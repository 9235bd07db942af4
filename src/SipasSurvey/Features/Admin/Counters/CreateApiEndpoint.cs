using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Counters;

/// <summary>POST /api/v1/admin/counters: a new counter in a commune of the administrator's province.</summary>
public sealed class CreateApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<CounterInput, CounterRow>
{
    public override void Configure()
    {
        Post(AdminRoutes.CountersApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override async Task HandleAsync(CounterInput request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var errors = Data.Validate(database, caller.ProvinceCode, request, creating: true);
        if (!errors.Ok) boundary.AuditIfForeign(caller, HttpContext, "counter.create", "counter:new",
            boundary.CommuneOwner(request.CommuneCode), request.QuestionnaireVersionId is { } v ? boundary.QuestionnaireOwner(v) : null);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        var now = clock.GetUtcNow();
        var id = Data.Create(database, request, id => AuditEntry.By(caller, HttpContext, "counter.create", $"counter:{id}", request, now), now);
        await Send.ResponseAsync(Data.Get(database, caller.ProvinceCode, id)!, 201, ct);
    }
}
