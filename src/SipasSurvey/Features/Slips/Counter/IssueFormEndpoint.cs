using FastEndpoints;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Slips.Issue;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Counter;

public sealed class CounterRequest
{
    public long CounterId { get; set; }
}

/// <summary>POST /counters/{counterId}/slips (form): issue, then straight to the print page.</summary>
public sealed class IssueFormEndpoint(IDatabase database, AccessScope scope, ServerKeys keys, SlipIssuer issuer, NetworkSignals networks, TimeProvider clock)
    : Endpoint<CounterRequest>
{
    public override void Configure()
    {
        Post(CounterRoutes.Issue);
        Policies(Web.Identity.Policies.CounterDesk);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CounterRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counter = scope.CounterFor(caller, request.CounterId);
        if (counter is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var form = new PostedForm(await HttpContext.Request.ReadFormAsync(ct));
        var count = form.Text("count") is { } text ? (int.TryParse(text, out var n) ? n : -1) : 1;
        var input = new IssueInput(counter.Id, count, form.Text("procedureCode"), form.Text("field"), form.Text("dossierCode"), null);
        var format = Print.SlipSheet.Normalize(form.Text("format") ?? (count > 1 ? "a4" : "58mm"));
        var result = await issuer.IssueAsync(caller, input, networks.NetworkHash(HttpContext));
        if (!result.Errors.Ok)
        {
            var now = clock.GetUtcNow();
            await Send.StringAsync(Pages.Desk(HttpContext, database, keys, counter, VietnamTime.DateOf(now), now, input, format, result.Errors, null),
                400, StaffPage.ContentType, ct);
            return;
        }
        var first = result.Slips[0].Id;
        await Send.RedirectAsync(Pages.PrintPath(counter.Id, first, result.Slips.Count > 1, format));
    }
}
