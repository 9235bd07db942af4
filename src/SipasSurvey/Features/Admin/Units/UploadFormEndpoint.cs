using System.Text;
using FastEndpoints;
using SipasSurvey.Features.Units.Import;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Units;

/// <summary>POST /admin/units (multipart form with the CSV file).</summary>
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
        if (file is null || file.Length == 0)
        {
            await Send.StringAsync(PageEndpoint.Render(HttpContext, [new SipasSurvey.Domain.ImportProblem("", "tệp", "chưa chọn tệp CSV")], null), 400, StaffPage.ContentType, ct);
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
            await Send.StringAsync(PageEndpoint.Render(HttpContext, [new SipasSurvey.Domain.ImportProblem(file.FileName, "tệp", "không phải văn bản UTF-8")], null), 400, StaffPage.ContentType, ct);
            return;
        }
        var outcome = Import.Run(database, caller.ProvinceCode, csv, Path.GetFileName(file.FileName), UnitCsv.TwoTierReformDate,
            AuditEntry.By(caller, HttpContext, "units.import", $"province:{caller.ProvinceCode}", null, clock.GetUtcNow()));
        if (outcome.Summary is not { } s)
        {
            await Send.StringAsync(PageEndpoint.Render(HttpContext, outcome.Problems, null), 400, StaffPage.ContentType, ct);
            return;
        }
        await Send.StringAsync(PageEndpoint.Render(HttpContext, null,
            $"Đã nhập: thêm {s.CommunesAdded}, thay đổi {s.CommunesChanged}, giữ nguyên {s.CommunesUnchanged} xã/phường."), 200, StaffPage.ContentType, ct);
    }
}
