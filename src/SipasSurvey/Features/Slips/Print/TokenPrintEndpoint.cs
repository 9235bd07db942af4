namespace SipasSurvey.Features.Slips.Print;

internal sealed class TokenPrintRequest
{
    public string Token { get; set; } = "";
    [QueryParam] public string? Format { get; set; }
}

/// <summary>
/// GET /s/{token}/print?format=58mm|80mm|a4: the printable slip, for the one-stop software to open
/// in the officer's browser after creating a slip by API. The token is the permission: the page
/// shows only what the slip itself shows.
/// </summary>
internal sealed class TokenPrintEndpoint(ReadPool reads, SlipLinks links, Infrastructure.Security.ServerKeys keys) : Endpoint<TokenPrintRequest>
{
    public override void Configure()
    {
        Get(CitizenRoutes.SurveyPrint);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(TokenPrintRequest request, CancellationToken ct)
    {
        var slip = SlipLookup.ByToken(reads, request.Token);
        if (slip is null || slip.RevokedAt is not null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        if (slip.ResponseId is not null)
        {
            var body = new HtmlBuilder().Add($"<h1>Phiếu đã được sử dụng</h1><p>Phiếu này đã được trả lời nên không in lại được. Vui lòng phát phiếu mới.</p><p><a href=\"{SiteRoutes.Home}\">Về trang chủ</a></p>").ToHtml();
            await Send.StringAsync(Layout.Document("vi", "Phiếu đã được sử dụng", body), 409, StaffPage.ContentType, ct);
            return;
        }
        var format = SlipSheet.Normalize(request.Format);
        var printable = new PrintableSlip(slip.CommuneName, slip.CounterName, links.Survey(HttpContext.Request, request.Token),
            Domain.Slips.SlipSecrets.Code(keys.TokenKey, slip.Seed), slip.ExpiresAt);
        HttpContext.Response.Headers.CacheControl = "no-store";
        await Send.StringAsync(SlipSheet.Render(format, [printable], links.EnterCodeAddress(HttpContext.Request), SiteRoutes.Home,
            f => CitizenRoutes.PrintPath(request.Token, f)), 200, StaffPage.ContentType, ct);
    }
}
