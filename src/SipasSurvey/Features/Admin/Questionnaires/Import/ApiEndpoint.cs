using System.Text;

namespace SipasSurvey.Features.Admin.Questionnaires.Import;

/// <summary>
/// POST /api/v1/admin/questionnaires[?publish=true] with a questionnaire definition as the body.
/// Every problem comes back with its JSON path; nothing is written unless the whole file is right.
/// </summary>
internal sealed class ApiEndpoint(Import import) : AdminApiEndpoint<EmptyRequest, ImportResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.QuestionnairesApi);
        AsApi();
        Description(b => b.Accepts<object>("application/json").Produces<ImportResponse>(200).ProducesProblemDetails(400).ProducesProblemDetails(409));
    }

    // No request DTO: the body is the definition itself, read raw so every problem gets its JSON path.
    // ?publish=true publishes the version at once so counters can hand it out.
    public override async Task HandleAsync(EmptyRequest request, CancellationToken ct)
    {
        var publish = Query<bool?>("publish", isRequired: false) == true;
        string json;
        try
        {
            using var reader = new StreamReader(HttpContext.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            json = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            ThrowError("the body is not UTF-8 text");
            return;
        }
        await SendOutcomeAsync(import.Handle(Caller, HttpContext, json, "body.json", publish), 200, ct);
    }
}
