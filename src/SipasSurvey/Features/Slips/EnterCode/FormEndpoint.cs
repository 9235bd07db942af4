namespace SipasSurvey.Features.Slips.EnterCode;

/// <summary>GET /ma: for phones that cannot scan the QR.</summary>
internal sealed class FormEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(CitizenRoutes.EnterCode);
        AllowAnonymous();
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) =>
        Send.StringAsync(Page.Render(null, null), 200, StaffPage.ContentType, ct);
}
