using SipasSurvey.Infrastructure.Telemetry;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Slips;

/// <summary>sipas_slips_issued_total moves once the slips are committed, whichever way they were issued.</summary>
internal sealed class IssuedSlipsMetric(SipasMetrics metrics) : IWriteHook
{
    public void BeforeCommit(DbConnection connection, IReadOnlyList<object> facts) { }

    public void AfterCommit(IReadOnlyList<object> facts)
    {
        var issued = 0;
        foreach (var fact in facts)
            if (fact is SlipsCounted { Delta: > 0 } slips) issued += slips.Delta;
        if (issued > 0) metrics.SlipsIssued(issued);
    }
}
