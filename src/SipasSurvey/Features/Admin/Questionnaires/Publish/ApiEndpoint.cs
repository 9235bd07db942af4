namespace SipasSurvey.Features.Admin.Questionnaires.Publish;

/// <summary>POST /api/v1/admin/questionnaires/{id}/publish: a draft becomes available to counters (and immutable once used).</summary>
internal sealed class ApiEndpoint(Publish publish) : AdminApiEndpoint<Request, VersionRow>
{
    public override void Configure()
    {
        Post(AdminRoutes.QuestionnairePublishApi);
        AsApi();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => SendOutcomeAsync(publish.Handle(Caller, HttpContext, request), 200, ct);
}
