namespace SipasSurvey.Features.Admin.Questionnaires.Publish;

/// <summary>POST /admin/questionnaires/{id}/publish (form).</summary>
internal sealed class FormEndpoint(Publish publish) : AdminFormEndpoint<Request>
{
    public override void Configure()
    {
        Post(AdminRoutes.QuestionnairePublish);
        AsForm();
    }

    public override Task HandleAsync(Request request, CancellationToken ct) => publish.Handle(Caller, HttpContext, request) switch
    {
        AdminOutcome<VersionRow>.Done => Send.RedirectAsync(AdminRoutes.Questionnaires),
        _ => SendNotFoundAsync(),
    };
}
