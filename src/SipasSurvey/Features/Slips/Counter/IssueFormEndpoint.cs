using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Slips.Issue;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Slips.Counter;

/// <summary>The counter desk's issue form.</summary>
internal sealed class IssueFormRequest : IIssueFields
{
    public long CounterId { get; set; }
    public string? Count { get; set; }
    public string? ProcedureCode { get; set; }
    public string? Field { get; set; }
    public string? DossierCode { get; set; }

    /// <summary>58mm, 80mm or a4 (default: 58mm for one slip, a4 for a sheet).</summary>
    public string? Format { get; set; }

    int? IIssueFields.Count => string.IsNullOrWhiteSpace(Count) ? null : int.TryParse(Count.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    public IssueInput ToInput(long counterId) =>
        new(counterId, ((IIssueFields)this).Count, Blank(ProcedureCode), Blank(Field), Blank(DossierCode), null);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal sealed class IssueFormValidator : IssueFieldsValidator<IssueFormRequest>;

/// <summary>POST /counters/{counterId}/slips (form): issue, then straight to the print page.</summary>
internal sealed class IssueFormEndpoint(IDatabase database, AccessScope scope, ServerKeys keys, SlipIssuer issuer, NetworkSignals networks, TimeProvider clock)
    : Endpoint<IssueFormRequest>
{
    public override void Configure()
    {
        Post(CounterRoutes.Issue);
        Policies(Web.Identity.Policies.CounterDesk);
        AllowFormData(urlEncoded: true);
        EnableAntiforgery();
        DontThrowIfValidationFails();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(IssueFormRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var counter = scope.CounterFor(caller, request.CounterId);
        if (counter is null)
        {
            await Problems.NotFoundAsync(HttpContext);
            return;
        }
        var input = request.ToInput(counter.Id);
        var format = Print.SlipSheet.Normalize(request.Format ?? ((input.Count ?? 1) > 1 ? "a4" : "58mm"));
        var result = await issuer.IssueAsync(caller, input, ValidationFailures.ToFieldErrors(), networks.NetworkHash(HttpContext));
        if (!result.Errors.Ok)
        {
            var now = clock.GetUtcNow();
            await Send.StringAsync(Pages.Desk(HttpContext, database, keys, counter, VietnamTime.DateOf(now), now, input, format, result.Errors, null),
                400, StaffPage.ContentType, ct);
            return;
        }
        await Send.RedirectAsync(Pages.PrintPath(counter.Id, result.Slips[0].Id, result.Slips.Count > 1, format));
    }
}
