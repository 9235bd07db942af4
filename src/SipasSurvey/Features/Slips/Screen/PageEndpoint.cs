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
            // Public like every page a device without a session may need, so it answers as if the counter did not exist, with the way in.
            await Send.StringAsync(Layout.Document("vi", "Màn hình quầy", new HtmlBuilder()
                .Add($"<h1>Màn hình cho người dân</h1><p>Trang này hiện trên thiết bị của quầy: <a href=\"{AccountRoutes.SignIn}?returnUrl={Uri.EscapeDataString(CounterRoutes.ScreenPath(request.CounterId))}\">đăng nhập</a> bằng tài khoản cán bộ của quầy, hoặc nhờ quản trị viên tạo liên kết ghép thiết bị.</p>").ToHtml()),
                404, StaffPage.ContentType, ct);
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
