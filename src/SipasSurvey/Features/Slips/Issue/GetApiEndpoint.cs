using SipasSurvey.Domain.Slips;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Issue;

internal sealed class GetRequest
{
    public long SlipId { get; set; }
}

/// <summary>
/// GET /api/v1/slips/{slipId}: the same slip again, for a reprint (same token, same code). Once it is
/// answered, its token and code are no longer handed out (409): nobody needs them any more, and with
/// them anyone could probe how the citizen answered.
/// </summary>
internal sealed class GetApiEndpoint(IDatabase database, AccessScope scope, ServerKeys keys, SlipLinks links) : Endpoint<GetRequest, IssuedSlip>
{
    public override void Configure()
    {
        Get(CounterRoutes.SlipApi);
        Policies(Web.Identity.Policies.IssueSlips);
        Tags("Slips");
        Description(b => b.Produces<IssuedSlip>(200).ProducesProblemDetails(404).ProducesProblemDetails(409));
    }

    public override async Task HandleAsync(GetRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counterId = List.Data.CounterOf(database, request.SlipId);
        var slip = counterId is null || scope.CounterFor(caller, counterId.Value) is null ? null : List.Data.One(database, counterId.Value, request.SlipId);
        if (slip is null)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown slip", $"Slip {request.SlipId} does not exist or is not at one of your counters.");
            return;
        }
        if (slip.AnsweredAt is not null)
        {
            await Problems.WriteAsync(HttpContext, 409, "Slip already answered", $"Slip {request.SlipId} was answered; it is used and cannot be reprinted.");
            return;
        }
        var token = SlipSecrets.Token(keys.TokenKey, slip.Seed);
        var baseUrl = links.BaseUrl(HttpContext.Request);
        await Send.OkAsync(new IssuedSlip
        {
            SlipId = slip.Id,
            Token = token,
            Url = baseUrl + CitizenRoutes.SurveyPath(token),
            Code = FallbackCode.Format(SlipSecrets.Code(keys.TokenKey, slip.Seed)),
            IssuedAt = slip.IssuedAt,
            ExpiresAt = slip.ExpiresAt,
            QrSvgUrl = baseUrl + CitizenRoutes.QrSvgPath(token),
            QrPngUrl = baseUrl + CitizenRoutes.QrPngPath(token),
            PrintUrl = baseUrl + CitizenRoutes.PrintPath(token),
        }, ct);
    }
}
