namespace SipasSurvey.Features.Slips.Screen;

/// <summary>
/// GET /counters/{counterId}/screen/current: what the screen should show now, for its script's poll
/// (once a second: a poll reads the shared database, so it works the same with several app servers).
/// </summary>
internal sealed class CurrentRequest
{
    public long CounterId { get; set; }

    /// <summary>The slip the screen shows now, if any.</summary>
    [QueryParam] public long? Shown { get; set; }
}

internal sealed class CurrentEndpoint(ScreenAccess access, ScreenView view) : Endpoint<CurrentRequest>
{
    public override void Configure()
    {
        Get(CounterRoutes.ScreenCurrent);
        AllowAnonymous();   // a paired device has no session: ScreenAccess decides
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CurrentRequest request, CancellationToken ct)
    {
        if (access.Counter(HttpContext, request.CounterId) is not { } counter)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var state = view.Current(HttpContext.Request, counter.Id, request.Shown);
        // html only when it changed: the same slip, polled again, costs one indexed query and no QR.
        var html = state.State == "slip" && state.Url is null ? null : ScreenView.Body(state).Value;
        await Send.OkAsync(new { state = state.State, slipId = state.SlipId, html }, ct);
    }
}
