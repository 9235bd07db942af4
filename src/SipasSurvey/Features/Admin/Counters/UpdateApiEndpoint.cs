using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;

using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Counters;

/// <summary>PUT /api/v1/admin/counters/{id}: rename, move, choose the questionnaire version, (de)activate, poster mode.</summary>
public sealed class UpdateApiEndpoint(IDatabase database, ProvinceBoundary boundary, TimeProvider clock) : Endpoint<UpdateRequest, CounterRow>
{
    public override void Configure()
    {
        Put(AdminRoutes.CounterApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override async Task HandleAsync(UpdateRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        if (Data.Get(database, caller.ProvinceCode, request.Id) is null)
        {
            boundary.AuditIfForeign(caller, HttpContext, "counter.update", $"counter:{request.Id}", boundary.CounterOwner(request.Id));
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var input = request.ToInput();
        var errors = Data.Validate(database, caller.ProvinceCode, input, creating: false);
        if (!errors.Ok) boundary.AuditIfForeign(caller, HttpContext, "counter.update", $"counter:{request.Id}",
            boundary.CommuneOwner(input.CommuneCode), input.QuestionnaireVersionId is { } v ? boundary.QuestionnaireOwner(v) : null);
        this.AddErrors(errors);
        ThrowIfAnyErrors();
        Data.Update(database, request.Id, caller.ProvinceCode, input, AuditEntry.By(caller, HttpContext, "counter.update", $"counter:{request.Id}", input, clock.GetUtcNow()));
        await Send.OkAsync(Data.Get(database, caller.ProvinceCode, request.Id)!, ct);
    }
}
