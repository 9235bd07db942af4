using FluentValidation;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports;

/// <summary>Query parameters every report takes.</summary>
internal class ReportRequest
{
    /// <summary>A calendar quarter in Vietnam time, e.g. 2026-Q4 (default: the current one).</summary>
    [QueryParam] public string? Quarter { get; set; }

    /// <summary>First day, YYYY-MM-DD (with to; instead of quarter).</summary>
    [QueryParam] public string? From { get; set; }

    /// <summary>Last day, YYYY-MM-DD, included.</summary>
    [QueryParam] public string? To { get; set; }

    /// <summary>
    /// "slip" (default: issued slips answered on the citizen's phone), "kiosk" (issued slips answered on the
    /// counter's tablet) or "poster" (unverified responses from a counter's wall QR). Each is reported apart.
    /// </summary>
    [QueryParam] public string? Channel { get; set; }

    /// <summary>"include" (default) or "exclude": figures without responses that integrity checks flagged.</summary>
    [QueryParam] public string? Flagged { get; set; }
}

/// <summary>A report of one commune: the route names it.</summary>
internal interface ICommuneReportRequest
{
    string CommuneCode { get; }
}

/// <summary>A report of one province: the route names it.</summary>
internal interface IProvinceReportRequest
{
    string ProvinceCode { get; }
}

/// <summary>A report as a file: the route names the format, csv or xlsx (anything else is not there: 404).</summary>
internal interface IExportRequest
{
    string Format { get; }
}

internal sealed class CommuneReportRequest : ReportRequest, ICommuneReportRequest
{
    public string CommuneCode { get; set; } = "";
}

internal sealed class CommuneReportRequestValidator : ReportRequestValidator<CommuneReportRequest>;

/// <summary>
/// The rules of the parameters every report takes; a report's own request adds its rules in a subclass.
/// Field names are the query parameters' ("quarter", "channel"), as problem details have always named them.
/// </summary>
internal abstract class ReportRequestValidator<TRequest> : Validator<TRequest> where TRequest : ReportRequest
{
    protected ReportRequestValidator()
    {
        RuleFor(r => r).Custom((request, context) =>
        {
            var (_, field, error) = Period.Parse(request.Quarter, request.From, request.To, VietnamTime.DateOf(Resolve<TimeProvider>().GetUtcNow()));
            if (error is not null) context.AddFailure(field!, error);
        });
        RuleFor(r => r.Channel).Must(c => c is null || Domain.Responses.Channels.All.Contains(c)).OverridePropertyName("channel")
            .WithMessage("channel must be slip, kiosk or poster.");
        RuleFor(r => r.Flagged).Must(f => f is null or "include" or "exclude").OverridePropertyName("flagged")
            .WithMessage("flagged must be include or exclude.");
    }
}

internal sealed record ReportScope(Period Period, string Channel, bool ExcludeFlagged)
{
    /// <summary>A key for cached figures: everything the figures depend on, beside the place.</summary>
    public string CacheKey => $"{Period.FromKey}|{Period.ToKey}|{Period.Label}|{Channel}|{ExcludeFlagged}";
}

internal static class ReportParameters
{
    /// <summary>The period and filters of a request its Validator accepted.</summary>
    public static ReportScope Scope(ReportRequest request, DateTimeOffset now)
    {
        var (period, _, error) = Period.Parse(request.Quarter, request.From, request.To, VietnamTime.DateOf(now));
        if (error is not null) throw new InvalidOperationException("The request's Validator lets no bad period through: " + error);
        return new ReportScope(period!, request.Channel ?? "slip", request.Flagged == "exclude");
    }

    /// <summary>The commune, if it exists and the caller may read it; else null (answered as 404 either way).</summary>
    public static UnitName? ReadableCommune(AccessScope scope, Caller caller, string communeCode) =>
        scope.ReadableCommune(caller, communeCode) is { } commune ? new UnitName(communeCode, commune.Name) : null;

    /// <summary>The province, if it exists and the caller may read it; else null (answered as 404 either way).</summary>
    public static UnitName? ReadableProvince(AccessScope scope, Caller caller, string provinceCode) =>
        AccessScope.CanReadProvince(caller, provinceCode) && scope.ProvinceName(provinceCode) is { } name ? new UnitName(provinceCode, name) : null;
}
