using Microsoft.Extensions.Options;

namespace SipasSurvey.Features.Digest.Settings;

/// <summary>GET /account/digest: a commune leader asks for (or stops) the daily digest and gives an e-mail address.</summary>
internal sealed class PageEndpoint(ReadPool reads, IOptions<DigestOptions> options) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AccountRoutes.Digest);
        Policies(Web.Identity.Policies.LeadCommune);
        Description(b => b.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var (daily, email) = reads.Run(c => Data.Settings(c, caller.Id));
        return Send.StringAsync(Page.Render(HttpContext, caller, daily, email, null, HttpContext.Request.Query.ContainsKey("saved"), options.Value.Time),
            200, StaffPage.ContentType, ct);
    }
}
