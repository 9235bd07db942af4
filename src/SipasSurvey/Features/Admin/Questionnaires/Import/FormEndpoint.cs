using System.Text;
using SipasSurvey.Domain;

namespace SipasSurvey.Features.Admin.Questionnaires.Import;

internal sealed class FormRequest
{
    public IFormFile? File { get; set; }
    public bool? Publish { get; set; }
}

/// <summary>POST /admin/questionnaires (multipart form with the JSON file).</summary>
internal sealed class FormEndpoint(Import import, IDatabase database) : AdminFormEndpoint<FormRequest>
{
    public override void Configure()
    {
        Post(AdminRoutes.Questionnaires);
        AsForm(fileUpload: true);
    }

    public override async Task HandleAsync(FormRequest request, CancellationToken ct)
    {
        if (request.File is not { Length: > 0 } file)
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
        var fileName = Path.GetFileName(file.FileName);
        switch (import.Handle(Caller, HttpContext, json, fileName, request.Publish == true))
        {
            case AdminOutcome<ImportResponse>.Done done:
                await SendPageAsync(Page.Render(HttpContext, database, null, Import.Describe(done.Value)), 200, ct);
                return;
            case AdminOutcome<ImportResponse>.Invalid invalid:
                await Fail(Problems(invalid.Errors));
                return;
            case AdminOutcome<ImportResponse>.Conflict conflict:
                await Fail(Problems(conflict.Errors));
                return;
        }

        Task Fail(IReadOnlyList<ImportProblem> problems) => SendPageAsync(Page.Render(HttpContext, database, problems, null), 400, ct);
        List<ImportProblem> Problems(FieldErrors errors) => errors.Select(e => new ImportProblem(fileName, e.Key, e.Value)).ToList();
    }
}
