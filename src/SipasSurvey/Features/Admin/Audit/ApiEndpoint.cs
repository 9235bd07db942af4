namespace SipasSurvey.Features.Admin.Audit;

internal sealed class Request
{
    [QueryParam] public long? BeforeId { get; set; }
    [QueryParam] public int? Limit { get; set; }
    [QueryParam] public string? Action { get; set; }
}

internal sealed class Response
{
    public required IReadOnlyList<AuditRow> Entries { get; init; }
}

/// <summary>GET /api/v1/admin/audit: privileged acts in the province, newest first.</summary>
internal sealed class ApiEndpoint(IDatabase database) : Endpoint<Request, Response>
{
    public override void Configure()
    {
        Get(AdminRoutes.AuditApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
    }

    public override Task HandleAsync(Request request, CancellationToken ct)
    {
        var limit = Math.Clamp(request.Limit ?? 100, 1, 1000);
        return Send.OkAsync(new Response { Entries = Data.Page(database, Caller.From(User)!.ProvinceCode, request.BeforeId, limit, request.Action) }, ct);
    }
}
