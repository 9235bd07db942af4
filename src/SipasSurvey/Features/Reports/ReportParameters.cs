using FastEndpoints;
using SipasSurvey.Domain.Time;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Web;
using SipasSurvey.Web.Identity;
using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports;

/// <summary>Query parameters every report takes.</summary>
public class ReportRequest
{
    /// <summary>A calendar quarter in Vietnam time, e.g. 2026-Q4 (default: the current one).</summary>
    [QueryParam] public string? Quarter { get; set; }

    /// <summary>First day, YYYY-MM-DD (with to; instead of quarter).</summary>
    [QueryParam] public string? From { get; set; }

    /// <summary>Last day, YYYY-MM-DD, included.</summary>
    [QueryParam] public string? To { get; set; }

    /// <summary>"slip" (default) or "poster" (unverified responses from a counter's wall QR).</summary>
    [QueryParam] public string? Channel { get; set; }

    /// <summary>"include" (default) or "exclude": figures without responses that integrity checks flagged.</summary>
    [QueryParam] public string? Flagged { get; set; }
}

public sealed class CommuneReportRequest : ReportRequest
{
    public string CommuneCode { get; set; } = "";
}

public sealed record ReportScope(Period Period, string Channel, bool ExcludeFlagged);

public static class ReportParameters
{
    /// <summary>The period and filters, or field errors to answer 400 with.</summary>
    public static (ReportScope? Scope, FieldErrors Errors) Parse(ReportRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var (period, field, error) = Period.Parse(request.Quarter, request.From, request.To, VietnamTime.DateOf(now));
        if (error is not null) errors[field!] = error;
        var channel = request.Channel ?? "slip";
        if (channel is not ("slip" or "poster")) errors["channel"] = "channel must be slip or poster.";
        var flagged = request.Flagged ?? "include";
        if (flagged is not ("include" or "exclude")) errors["flagged"] = "flagged must be include or exclude.";
        return errors.Ok ? (new ReportScope(period!, channel, flagged == "exclude"), errors) : (null, errors);
    }

    /// <summary>The commune, if it exists and the caller may read it; else null (answered as 404 either way).</summary>
    public static UnitName? ReadableCommune(AccessScope scope, Caller caller, string communeCode) =>
        scope.CanReadCommune(caller, communeCode) && scope.Commune(communeCode) is { } commune ? new UnitName(communeCode, commune.Name) : null;
}
