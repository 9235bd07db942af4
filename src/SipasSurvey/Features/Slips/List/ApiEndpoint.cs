using SipasSurvey.Domain.Slips;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.List;

internal sealed class Request
{
    public long CounterId { get; set; }

    /// <summary>A Vietnamese calendar day, YYYY-MM-DD; default today.</summary>
    [QueryParam] public string? Day { get; set; }
}

internal sealed class Response
{
    public required long CounterId { get; init; }
    public required string Day { get; init; }
    public required int Unused { get; init; }
    public required int Answered { get; init; }
    public required int Expired { get; init; }
    public required int Revoked { get; init; }
    public required IReadOnlyList<Item> Slips { get; init; }
}

internal sealed class Item
{
    public required long SlipId { get; init; }

    /// <summary>unused, answered, expired or revoked.</summary>
    public required string State { get; init; }

    /// <summary>The typed code; null once the slip is answered (its secrets are no longer handed out).</summary>
    public string? Code { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? ProcedureCode { get; init; }
    public string? Field { get; init; }
    public string? DossierCode { get; init; }
    public long? StaffId { get; init; }

    /// <summary>Where to reprint it; null once the slip is answered.</summary>
    public string? PrintUrl { get; init; }
}

/// <summary>GET /api/v1/counters/{counterId}/slips?day=YYYY-MM-DD: a counter's slips of a day with their state.</summary>
internal sealed class ApiEndpoint(IDatabase database, AccessScope scope, ServerKeys keys, SlipLinks links, TimeProvider clock) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(CounterRoutes.CounterSlipsApi);
        Policies(Web.Identity.Policies.IssueSlips);
        Tags("Slips");
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        if (scope.CounterFor(caller, request.CounterId) is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var now = clock.GetUtcNow();
        var day = VietnamTime.DateOf(now);
        if (request.Day is not null && !DateOnly.TryParseExact(request.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            ThrowError(r => r.Day!, "day must be a date written YYYY-MM-DD");
        var slips = Data.ForDay(database, request.CounterId, day);
        var baseUrl = links.BaseUrl(HttpContext.Request);
        var items = slips.Select(s => new Item
        {
            SlipId = s.Id,
            State = s.StateAt(now).ToString().ToLowerInvariant(),
            Code = s.AnsweredAt is null ? FallbackCode.Format(SlipSecrets.Code(keys.TokenKey, s.Seed)) : null,
            IssuedAt = s.IssuedAt,
            ExpiresAt = s.ExpiresAt,
            AnsweredAt = s.AnsweredAt,
            RevokedAt = s.RevokedAt,
            ProcedureCode = s.ProcedureCode,
            Field = s.Field,
            DossierCode = s.DossierCode,
            StaffId = s.StaffId,
            PrintUrl = s.AnsweredAt is null ? baseUrl + CitizenRoutes.PrintPath(SlipSecrets.Token(keys.TokenKey, s.Seed)) : null,
        }).ToList();
        await Send.OkAsync(new Response
        {
            CounterId = request.CounterId,
            Day = VietnamTime.DayKey(day),
            Unused = items.Count(i => i.State == "unused"),
            Answered = items.Count(i => i.State == "answered"),
            Expired = items.Count(i => i.State == "expired"),
            Revoked = items.Count(i => i.State == "revoked"),
            Slips = items,
        }, ct);
    }
}
