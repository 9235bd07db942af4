using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Features.Operations.Verify;

namespace SipasSurvey.Tests.Support;

/// <summary>A database file looked at from outside the service, read-only, as an operator's tools see it.</summary>
public static class StoredFile
{
    public static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public static long Responses(string path)
    {
        using var connection = OpenReadOnly(path);
        return connection.ExecuteScalar<long>("SELECT count(*) FROM responses");
    }

    /// <summary>`verify`'s checks: integrity_check ok and every aggregate equal to a recomputation from the raw rows.</summary>
    internal static StoreReport AssertSound(string path)
    {
        var check = StoreCheck.Run(SipasSurvey.Infrastructure.Database.SqliteDatabase.ReadOnly(path));
        Assert.True(check.Ok, string.Join("\n", check.IntegrityCheck.Concat(check.Mismatches)));
        return check;
    }
}
