using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Infrastructure.Writes;

namespace SipasSurvey.Features.Reports;

/// <summary>After a batch commits, the cached reports of every commune it changed are out of date.</summary>
internal sealed class CacheInvalidation(ReportCache cache) : IWriteHook
{
    public void BeforeCommit(DbConnection connection, IReadOnlyList<object> facts)
    {
    }

    public void AfterCommit(IReadOnlyList<object> facts)
    {
        var communes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (fact is AnswerStored answer) communes.Add(answer.CommuneCode);
            else if (fact is SlipsCounted slips) communes.Add(slips.CommuneCode);
        }
        foreach (var commune in communes) cache.Changed(commune);
    }
}
