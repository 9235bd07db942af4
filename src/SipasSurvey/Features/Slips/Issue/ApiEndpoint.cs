namespace SipasSurvey.Features.Slips.Issue;

/// <summary>
/// POST /api/v1/slips: the one-stop software (API key with the slips scope) or a signed-in officer
/// creates one slip after a transaction, or a sheet of them.
/// </summary>
internal sealed class ApiEndpoint(SlipIssuer issuer, SlipLinks links, NetworkSignals networks) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Post(CounterRoutes.SlipsApi);
        Policies(Web.Identity.Policies.IssueSlips);
        Tags("Slips");
        DontThrowIfValidationFails();
        Description(b => b.Produces<Response>(201).ProducesProblemDetails(400).ProducesProblemDetails(404).ProducesProblemDetails(503));
        Summary(s =>
        {
            s.Summary = "Issue survey slips for a counter";
            s.Description = "Answers 201 with one entry per slip: the token, the survey URL encoded in the QR, the typeable code, " +
                            "the expiry and links to the QR images and the printable slip (with includeQrSvg, the QR SVG itself). Nothing is written unless every field is valid.";
        });
    }

    public override async Task HandleAsync(Request request, CancellationToken ct)
    {
        if (request.CounterId is null) ThrowIfAnyErrors(); // the Validator says counterId is required
        var result = await issuer.IssueAsync(Caller.From(User)!,
            new IssueInput(request.CounterId!.Value, request.Count, request.ProcedureCode, request.Field, request.DossierCode, request.StaffId),
            ValidationFailures.ToFieldErrors(), networks.NetworkHash(HttpContext));
        if (result.NotFound)
        {
            await Problems.WriteAsync(HttpContext, 404, "Unknown counter", result.Errors["counterId"]);
            return;
        }
        this.AddErrors(result.Errors);
        ThrowIfAnyErrors();
        await Send.ResponseAsync(new Response { Slips = result.Slips.Select(s => Describe(s, request.IncludeQrSvg == true)).ToList() }, 201, ct);
    }

    private IssuedSlip Describe(NewSlip slip, bool includeQrSvg)
    {
        var baseUrl = links.BaseUrl(HttpContext.Request);
        var url = baseUrl + CitizenRoutes.SurveyPath(slip.Token);
        return new IssuedSlip
        {
            SlipId = slip.Id,
            Token = slip.Token,
            Url = url,
            Code = Domain.Slips.FallbackCode.Format(slip.Code),
            IssuedAt = slip.IssuedAt,
            ExpiresAt = slip.ExpiresAt,
            QrSvgUrl = baseUrl + CitizenRoutes.QrSvgPath(slip.Token),
            QrPngUrl = baseUrl + CitizenRoutes.QrPngPath(slip.Token),
            PrintUrl = baseUrl + CitizenRoutes.PrintPath(slip.Token),
            QrSvg = includeQrSvg ? QrCodes.Svg(url) : null,
        };
    }
}
