using Microsoft.Data.Sqlite;
using SipasSurvey.Domain.Statistics;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>SQL functions the aggregate upserts use; registered on every connection that writes aggregates.</summary>
internal static class StatsFunctions
{
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<byte[]?, byte[]?, byte[]>("add_counts", (a, b) => AnswerCounts.Add(a ?? [], b ?? []), isDeterministic: true);
}
