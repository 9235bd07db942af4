using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Slips.Screen;

internal sealed class PairRequest
{
    public string Token { get; set; } = "";

    /// <summary>"kiosk": the device becomes the counter's kiosk (the form itself) rather than its QR screen.</summary>
    [QueryParam] public string? Mode { get; set; }
}

/// <summary>
/// GET /screens/pair/{token}: the tablet opens the one-time link an administrator made for a counter;
/// it keeps a device secret in a cookie from then on and goes to that counter's screen (or, with
/// ?mode=kiosk, its kiosk: the same pairing allows both).
/// </summary>
internal sealed class PairEndpoint(DatabaseWriter writer, TimeProvider clock) : Endpoint<PairRequest>
{
    public override void Configure()
    {
        Get(CounterRoutes.ScreenPair);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(PairRequest request, CancellationToken ct)
    {
        var secret = Secrets.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var counterId = request.Token.Length is > 0 and <= 64
            ? await writer.RunAsync(c => Data.Pair(c.Connection, ScreenAccess.Hash(request.Token), ScreenAccess.Hash(secret), now))
            : null;
        if (counterId is not { } counter)
        {
            await Send.StringAsync(Layout.Document("vi", "Liên kết ghép màn hình không dùng được",
                new Html("<h1>Liên kết ghép màn hình không dùng được</h1><p>Liên kết đã được dùng, đã hết hạn hoặc không đúng. Xin quản trị viên tạo liên kết mới.</p>")),
                404, StaffPage.ContentType, ct);
            return;
        }
        HttpContext.Response.Cookies.Append(ScreenAccess.Cookie, secret, new CookieOptions
        {
            HttpOnly = true, Secure = HttpContext.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/counters/", MaxAge = TimeSpan.FromDays(365),
        });
        await Send.RedirectAsync(request.Mode == "kiosk" ? CounterRoutes.KioskPath(counter) : CounterRoutes.ScreenPath(counter));
    }
}
