using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Slips.Issue;
using SipasSurvey.Infrastructure.Limits;

namespace SipasSurvey.Features.Survey.Poster;

internal sealed class Request
{
    public long CounterId { get; set; }
    public string Token { get; set; } = "";
}

/// <summary>
/// GET /p/{counterId}/{posterToken}: the fixed QR on a counter's wall (poster mode, off unless an administrator
/// turns it on). Each visitor gets a fresh slip marked "poster": unverified, reported apart from
/// printed slips. A browser that scans again while its slip is unanswered gets the same slip back,
/// and limits per device, network and counter stop one phone from minting slips.
/// </summary>
internal sealed class Endpoint(IDatabase database, ReadPool reads, SlipIssuer issuer, AbuseLimits limits, NetworkSignals networks, ServerKeys keys) : Endpoint<Request>
{
    public override void Configure()
    {
        Get(CitizenRoutes.Poster);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var counter = Data.Find(database, keys.TokenKey, request.CounterId, request.Token);
        if (counter is null)
        {
            var t = new Texts(Domain.Questionnaires.Language.Vi);
            await Send.StringAsync(SurveyPage.State(Domain.Questionnaires.Language.Vi, t.UnknownTitle, t.Unknown), 404, StaffPage.ContentType, ct);
            return;
        }
        var cookie = "sipas_poster_" + counter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (HttpContext.Request.Cookies.TryGetValue(cookie, out var previous) && SlipLookup.ByToken(reads, previous) is { } slip
            && slip.CounterId == counter.Id && slip.StateAt(DateTimeOffset.UtcNow) == SlipState.Unused)
        {
            await Redirects.SeeOtherAsync(HttpContext, CitizenRoutes.SurveyPath(previous!));
            return;
        }
        var network = networks.NetworkHash(HttpContext);
        if (!limits.TryAcquire(out var retryAfter,
                (Limit.PosterDevice, AbuseLimits.Key(networks.DeviceHash(HttpContext))),
                (Limit.PosterNetwork, AbuseLimits.Key(network)),
                (Limit.PosterCounter, counter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            await TooManyRequests.WriteAsync(HttpContext, retryAfter);
            return;
        }
        var poster = new Caller(true, 0, "poster", Role.SlipsClient, counter.ProvinceCode, counter.CommuneCode, new HashSet<long> { counter.Id });
        var result = await issuer.IssueAsync(poster, new IssueInput(counter.Id, 1, null, null, null, null), new FieldErrors(), network, channel: "poster");
        if (!result.Errors.Ok)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var token = result.Slips[0].Token;
        HttpContext.Response.Cookies.Append(cookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromHours(12),
            Path = "/p/", // the poster cookie is read only where posters are scanned
        });
        await Redirects.SeeOtherAsync(HttpContext, CitizenRoutes.SurveyPath(token));
    }
}
