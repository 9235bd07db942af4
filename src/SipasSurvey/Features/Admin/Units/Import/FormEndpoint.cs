using System.Text;
using SipasSurvey.Features.Units.Import;

namespace SipasSurvey.Features.Admin.Units.Import;

internal sealed class FormRequest
{
    public IFormFile? File { get; set; }
}

/// <summary>POST /admin/units (multipart form with the CSV file).</summary>
internal sealed class FormEndpoint(IDatabase database, TimeProvider clock) : AdminFormEndpoint<FormRequest>
{
    public override void Configure()
    {
        Post(AdminRoutes.Units);
        AsForm(fileUpload: true);
    }

    public override async Task HandleAsync(FormRequest request, CancellationToken ct)
    {
        if (request.File is not { Length: > 0 } file)
        {
            await SendPageAsync(Page.Render(HttpContext, [new SipasSurvey.Domain.ImportProblem("", "tệp", "chưa chọn tệp CSV")], null), 400, ct);
            return;
        }
        string csv;
        try
        {
            await using var stream = file.OpenReadStream();
            csv = await Import.ReadUtf8Async(stream, ct);
        }
        catch (DecoderFallbackException)
        {
            await SendPageAsync(Page.Render(HttpContext, [new SipasSurvey.Domain.ImportProblem(file.FileName, "tệp", "không phải văn bản UTF-8")], null), 400, ct);
            return;
        }
        var fileName = Path.GetFileName(file.FileName);
        switch (Import.Handle(database, Caller, HttpContext, csv, fileName, UnitCsv.TwoTierReformDate, clock.GetUtcNow()))
        {
            case AdminOutcome<UnitImportSummary>.Done { Value: var s }:
                await SendPageAsync(Page.Render(HttpContext, null,
                    $"Đã nhập: thêm {s.CommunesAdded}, thay đổi {s.CommunesChanged}, giữ nguyên {s.CommunesUnchanged} xã/phường."), 200, ct);
                return;
            case AdminOutcome<UnitImportSummary>.Invalid invalid:
                await SendPageAsync(Page.Render(HttpContext, invalid.Errors.Select(e => new SipasSurvey.Domain.ImportProblem(fileName, e.Key, e.Value)).ToList(), null), 400, ct);
                return;
        }
    }
}
