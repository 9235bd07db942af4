using System.Globalization;
using System.Text;
using FastEndpoints;
using SipasSurvey.Features.Admin.Audit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Features.Units.Import;

using SipasSurvey.Web;
using SipasSurvey.Web.Identity;

namespace SipasSurvey.Features.Admin.Units;

/// <summary>POST /api/v1/admin/units/import with a CSV body (ma_xa,ten,loai,ma_tinh[,hieu_luc_tu,hieu_luc_den]).</summary>
public sealed class ImportApiEndpoint(IDatabase database, TimeProvider clock) : EndpointWithoutRequest<UnitImportSummary>
{
    public override void Configure()
    {
        Post(AdminRoutes.UnitsImportApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
        Description(b => b.Accepts<string>("text/csv").Produces<UnitImportSummary>(200).ProducesProblemDetails(400));
    }

    // ?validFrom=YYYY-MM-DD: validity start for rows without hieu_luc_tu (default 2025-07-01).
    public override async Task HandleAsync(CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var validFrom = UnitCsv.TwoTierReformDate;
        var validFromText = Query<string?>("validFrom", isRequired: false);
        if (validFromText is not null && !DateOnly.TryParseExact(validFromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out validFrom))
            ThrowError(new FluentValidation.Results.ValidationFailure("validFrom", "validFrom must be a date written YYYY-MM-DD"));
        string csv;
        try
        {
            csv = await Import.ReadUtf8Async(HttpContext.Request.Body, ct);
        }
        catch (DecoderFallbackException)
        {
            ThrowError("the body is not UTF-8 text: save the CSV as UTF-8");
            return;
        }
        var outcome = Import.Run(database, caller.ProvinceCode, csv, "body.csv", validFrom,
            AuditEntry.By(caller, HttpContext, "units.import", $"province:{caller.ProvinceCode}", null, clock.GetUtcNow()));
        this.AddErrors(outcome.Problems.Select(p => KeyValuePair.Create(p.Location, p.Message)));
        ThrowIfAnyErrors();
        await Send.OkAsync(outcome.Summary!, ct);
    }
}
