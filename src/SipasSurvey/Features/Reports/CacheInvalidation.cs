using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Reports;

/// <summary>
/// After a batch commits, the cached reports of every commune it changed are out of date. On a shared
/// engine the versions other app servers read are bumped inside the batch's transaction, in commune
/// order (so two servers never wait on each other's rows in opposite orders).
/// </summary>
internal sealed class CacheInvalidation(ReportCache cache, IDatabase database) : IWriteHook
{
    public void BeforeCommit(DbConnection connection, IReadOnlyList<object> facts)
    {
        if (!database.Shared) return;
        foreach (var commune in Communes(facts).Order(StringComparer.Ordinal)) Data.BumpReportVersion(connection, commune);
    }

    public void AfterCommit(IReadOnlyList<object> facts)
    {
        foreach (var commune in Communes(facts)) cache.Changed(commune);
    }

    private static HashSet<string> Communes(IReadOnlyList<object> facts)
    {
        var communes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (fact is AnswerStored answer) communes.Add(answer.CommuneCode);
            else if (fact is SlipsCounted slips) communes.Add(slips.CommuneCode);
        }
        return communes;
    }
}
