using SipasSurvey.Domain.Slips;
using SipasSurvey.Features.Slips.Print;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Counter;

internal sealed class PrintRequest
{
    public long CounterId { get; set; }
    [QueryParam] public long? Batch { get; set; }
    [QueryParam] public long? Slip { get; set; }
    [QueryParam] public string? Format { get; set; }
}

/// <summary>GET /counters/{counterId}/print?batch=|slip=&amp;format=: print or reprint (same tokens, same codes).</summary>
internal sealed class PrintPageEndpoint(IDatabase database, AccessScope scope, ServerKeys keys, SlipLinks links, TimeProvider clock) : Endpoint<PrintRequest>
{
    public override void Configure()
    {
        Get(CounterRoutes.Print);
        Policies(Web.Identity.Policies.CounterDesk);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(PrintRequest request, CancellationToken ct)
    {
        var counter = scope.CounterFor(Caller.From(User)!, request.CounterId);
        var slips = counter is null ? []
            : request.Batch is { } batch ? List.Data.Batch(database, counter.Id, batch)
            : request.Slip is { } slip && List.Data.One(database, counter.Id, slip) is { } one ? [one]
            : [];
        var now = clock.GetUtcNow();
        var printable = slips.Where(s => s.StateAt(now) == SlipState.Unused).Select(s => new PrintableSlip(
            counter!.CommuneName, counter.Name, links.Survey(HttpContext.Request, SlipSecrets.Token(keys.TokenKey, s.Seed)),
            SlipSecrets.Code(keys.TokenKey, s.Seed), s.ExpiresAt)).ToList();
        if (printable.Count == 0)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var format = SlipSheet.Normalize(request.Format);
        var query = request.Batch is { } b ? $"batch={b}" : $"slip={request.Slip}";
        HttpContext.Response.Headers.CacheControl = "no-store";
        await Send.StringAsync(SlipSheet.Render(format, printable, links.EnterCodeAddress(HttpContext.Request), Pages.DeskPath(counter!.Id),
            f => $"{CounterRoutes.List}/{counter.Id}/print?{query}&format={f}"), 200, StaffPage.ContentType, ct);
    }
}
