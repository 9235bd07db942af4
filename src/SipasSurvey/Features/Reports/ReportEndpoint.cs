using SipasSurvey.Features.Accounts;

namespace SipasSurvey.Features.Reports;

/// <summary>What a report endpoint is given: who asks, about which commune or province, for which period and filters.</summary>
internal sealed record ReportContext(Caller Caller, UnitName Place, ReportScope Scope, DateTimeOffset Now);

/// <summary>
/// Every report and export answers the same way before it computes anything: a commune or province outside the
/// caller's scope is 404, exactly like one that does not exist, and is checked before the parameters, so a stranger
/// learns nothing from a 400; then the request Validator's findings are a 400 naming each parameter.
/// </summary>
internal abstract class ReportEndpoint<TRequest, TResponse> : Endpoint<TRequest, TResponse> where TRequest : ReportRequest
{
    protected void ConfigureReport(string route, string tag = "Reports")
    {
        Get(route);
        Policies(Web.Identity.Policies.ReadReports);
        Tags(tag);
        DontThrowIfValidationFails();
    }

    /// <summary>Fills in what a report takes for granted when the request says nothing (before the period is read).</summary>
    protected virtual void ApplyDefaults(TRequest request, DateTimeOffset now) { }

    protected abstract Task ReportAsync(TRequest request, ReportContext report, CancellationToken ct);

    public sealed override async Task HandleAsync(TRequest request, CancellationToken ct)
    {
        var caller = Caller.From(User)!;
        var place = request switch
        {
            IExportRequest { Format: not ("csv" or "xlsx") } => null,
            ICommuneReportRequest c => ReportParameters.ReadableCommune(Resolve<AccessScope>(), caller, c.CommuneCode),
            IProvinceReportRequest p => ReportParameters.ReadableProvince(Resolve<AccessScope>(), caller, p.ProvinceCode),
            _ => throw new InvalidOperationException($"{typeof(TRequest).Name} names neither a commune nor a province."),
        };
        if (place is null)
        {
            var (title, detail) = request switch
            {
                IExportRequest => ("Not found", "No such export in your scope (formats: csv, xlsx)."),
                ICommuneReportRequest c => ("Unknown commune", $"No commune {c.CommuneCode} in your scope."),
                IProvinceReportRequest p => ("Unknown province", $"No province {p.ProvinceCode} in your scope."),
                _ => ("Not found", ""),
            };
            await Problems.WriteAsync(HttpContext, 404, title, detail);
            return;
        }
        ThrowIfAnyErrors();
        var now = Resolve<TimeProvider>().GetUtcNow();
        ApplyDefaults(request, now);
        await ReportAsync(request, new ReportContext(caller, place, ReportParameters.Scope(request, now), now), ct);
    }
}
