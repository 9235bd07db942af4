using System.Text;
using FastEndpoints;
using SipasSurvey.Domain;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using ImportData = SipasSurvey.Features.Questionnaires.Import.Data;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Questionnaires;

/// <summary>POST /admin/questionnaires (multipart form with the JSON file).</summary>
public sealed class UploadFormEndpoint(IDatabase database, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post(PageEndpoint.Path);
        Policies(Web.Identity.Policies.Administer);
        AllowFileUploads();
        EnableAntiforgery();
        Description(b => b.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var form = await HttpContext.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        var publish = new PostedForm(form).Checked("publish");
        if (file is null || file.Length == 0)
        {
            await Fail([new ImportProblem("", "tệp", "chưa chọn tệp JSON")]);
            return;
        }
        string json;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            json = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            await Fail([new ImportProblem(file.FileName, "tệp", "không phải văn bản UTF-8")]);
            return;
        }
        var parsed = QuestionnaireParser.Parse(json, Path.GetFileName(file.FileName));
        if (!parsed.Succeeded)
        {
            await Fail(parsed.Problems);
            return;
        }
        var now = clock.GetUtcNow();
        var result = ImportData.Write(database, parsed.Definition!, publish, file.FileName, now,
            AuditEntry.By(caller, HttpContext, "questionnaire.import", null, null, now), ownerProvince: caller.ProvinceCode);
        if (result.Outcome is null)
        {
            await Fail(result.Problems);
            return;
        }
        await Send.StringAsync(PageEndpoint.Render(HttpContext, database, null, $"{parsed.Definition!.Key}: {result.Outcome}"), 200, StaffPage.ContentType, ct);

        Task Fail(IReadOnlyList<ImportProblem> problems) =>
            Send.StringAsync(PageEndpoint.Render(HttpContext, database, problems, null), 400, StaffPage.ContentType, ct);
    }
}
