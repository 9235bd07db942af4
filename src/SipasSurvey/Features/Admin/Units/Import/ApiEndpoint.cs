using System.Text;
using FluentValidation;
using SipasSurvey.Features.Units.Import;

namespace SipasSurvey.Features.Admin.Units.Import;

internal sealed class ApiRequest
{
    /// <summary>Validity start (YYYY-MM-DD) for rows without hieu_luc_tu; default 2025-07-01, the two-tier reform.</summary>
    [QueryParam] public string? ValidFrom { get; set; }

    public DateOnly ValidFromDay => ValidFrom is null ? UnitCsv.TwoTierReformDate
        : DateOnly.ParseExact(ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

internal sealed class ApiValidator : Validator<ApiRequest>
{
    public ApiValidator()
    {
        RuleFor(r => r.ValidFrom).Must(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            .When(r => r.ValidFrom is not null).WithMessage("validFrom must be a date written YYYY-MM-DD");
    }
}

/// <summary>POST /api/v1/admin/units/import with a CSV body (ma_xa,ten,loai,ma_tinh[,hieu_luc_tu,hieu_luc_den]).</summary>
internal sealed class ApiEndpoint(IDatabase database, TimeProvider clock) : AdminApiEndpoint<ApiRequest, UnitImportSummary>
{
    public override void Configure()
    {
        Post(AdminRoutes.UnitsImportApi);
        Policies(Web.Identity.Policies.Administer);
        Tags("Administration");
        Description(b => b.Accepts<string>("text/csv").Produces<UnitImportSummary>(200).ProducesProblemDetails(400));
    }

    public override async Task HandleAsync(ApiRequest request, CancellationToken ct)
    {
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
        await SendOutcomeAsync(Import.Handle(database, Caller, HttpContext, csv, "body.csv", request.ValidFromDay, clock.GetUtcNow()), 200, ct);
    }
}
