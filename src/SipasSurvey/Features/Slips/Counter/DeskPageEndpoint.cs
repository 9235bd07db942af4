using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Counter;

internal sealed class DeskRequest
{
    public long CounterId { get; set; }
    [QueryParam] public string? Day { get; set; }
    [QueryParam] public string? Notice { get; set; }
}

/// <summary>GET /counters/{counterId}: issue slips, and the day's slips with their state.</summary>
internal sealed class DeskPageEndpoint(IDatabase database, AccessScope scope, ServerKeys keys, TimeProvider clock) : Endpoint<DeskRequest>
{
    public override void Configure()
    {
        Get(CounterRoutes.Desk);
        Policies(Web.Identity.Policies.CounterDesk);
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(DeskRequest request, CancellationToken ct)
    {
        var counter = scope.CounterFor(Caller.From(User)!, request.CounterId);
        if (counter is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var now = clock.GetUtcNow();
        var day = request.Day is not null && DateOnly.TryParseExact(request.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : VietnamTime.DateOf(now);
        var notice = request.Notice switch { "revoked" => "Đã thu hồi phiếu.", "answered" => "Phiếu đã được trả lời nên không thu hồi được.", _ => null };
        await Send.StringAsync(Pages.Desk(HttpContext, database, keys, counter, day, now, null, null, new FieldErrors(), notice), 200, StaffPage.ContentType, ct);
    }
}
