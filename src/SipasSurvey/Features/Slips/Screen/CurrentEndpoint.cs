namespace SipasSurvey.Features.Slips.Screen;

/// <summary>
/// GET /counters/{counterId}/screen/current: what the screen should show now, for its script's poll
/// (once a second: a poll reads the shared database, so it works the same with several app servers).
/// </summary>
internal sealed class CurrentEndpoint(ScreenAccess access, ScreenView view) : Endpoint<ScreenRequest>
{
    public override void Configure()
    {
        Get(CounterRoutes.ScreenCurrent);
        AllowAnonymous();   // a paired device has no session: ScreenAccess decides
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(ScreenRequest request, CancellationToken ct)
    {
        if (access.Counter(HttpContext, request.CounterId) is not { } counter)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var state = view.Current(HttpContext.Request, counter.Id);
        await Send.OkAsync(new { state = state.State, slipId = state.SlipId, html = ScreenView.Body(state).Value }, ct);
    }
}
