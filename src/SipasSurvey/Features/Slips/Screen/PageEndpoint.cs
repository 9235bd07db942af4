namespace SipasSurvey.Features.Slips.Screen;

internal sealed class ScreenRequest
{
    public long CounterId { get; set; }
}

/// <summary>
/// GET /counters/{counterId}/screen: the page a tablet or second monitor shows the citizen. Open to the
/// counter's staff and to devices an administrator paired with the counter (no staff password on them).
/// </summary>
internal sealed class PageEndpoint(ScreenAccess access, ScreenView view) : Endpoint<ScreenRequest>
{
    public override void Configure()
    {
        Get(CounterRoutes.Screen);
        AllowAnonymous();   // a paired device has no session: ScreenAccess decides
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(ScreenRequest request, CancellationToken ct)
    {
        if (ScreenAccess.IsStranger(HttpContext))
        {
            await Send.StringAsync(ScreenAccess.StrangerPage(CounterRoutes.ScreenPath(request.CounterId)), 404, StaffPage.ContentType, ct);
            return;
        }
        if (access.Counter(HttpContext, request.CounterId) is not { } counter)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        await Send.StringAsync(ScreenView.Page(counter, view.Current(HttpContext.Request, counter.Id)), 200, StaffPage.ContentType, ct);
    }
}
