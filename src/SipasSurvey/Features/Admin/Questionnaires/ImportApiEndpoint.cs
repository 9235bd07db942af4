using System.Text;
using FastEndpoints;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using ImportData = SipasSurvey.Features.Questionnaires.Import.Data;

using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Questionnaires;

/// <summary>
/// POST /api/v1/admin/questionnaires[?publish=true] with a questionnaire definition as the body.
/// Every problem comes back with its JSON path; nothing is written unless the whole file is right.
/// </summary>
public sealed class ImportApiEndpoint(IDatabase database, TimeProvider clock) : EndpointWithoutRequest<ImportResponse>
{
    public override void Configure()
    {
        Post(AdminRoutes.QuestionnairesApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
        Description(b => b.Accepts<object>("application/json").Produces<ImportResponse>(200).ProducesProblemDetails(400));
    }

    // No request DTO: the body is the definition itself, read raw so every problem gets its JSON path.
    public override async Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User)!;
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
        var parsed = QuestionnaireParser.Parse(json, "body.json");
        this.AddErrors(parsed.Problems.Select(p => KeyValuePair.Create(p.Location, p.Message)));
        ThrowIfAnyErrors();
        var now = clock.GetUtcNow();
        var result = ImportData.Write(database, parsed.Definition!, publish, "body.json", now,
            AuditEntry.By(caller, HttpContext, "questionnaire.import", null, null, now), ownerProvince: caller.ProvinceCode);
        this.AddErrors(result.Problems.Select(p => KeyValuePair.Create(p.Location, p.Message)));
        ThrowIfAnyErrors(409);
        var outcome = result.Outcome!.Value.ToString().ToLowerInvariant();
        await Send.OkAsync(new ImportResponse { VersionId = result.VersionId, Key = parsed.Definition!.Key, Outcome = outcome }, ct);
    }
}
