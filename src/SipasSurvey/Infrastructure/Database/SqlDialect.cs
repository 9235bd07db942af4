using System.Data.Common;
using Npgsql;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// The few spellings the two engines do not share, for SQL written once in a feature's Data file.
/// </summary>
internal static class SqlDialect
{
    /// <summary>
    /// "column is one of the list in parameter": Dapper expands a list into (@p1, @p2, …) for SQLite but
    /// sends it as one array to PostgreSQL, where only = ANY(array) reads it.
    /// </summary>
    public static string AnyOf(this DbConnection connection, string column, string parameter) =>
        connection is NpgsqlConnection ? $"{column} = ANY({parameter})" : $"{column} IN {parameter}";

    /// <summary>
    /// " FOR UPDATE" where other writers run at the same time (PostgreSQL): rows read to be rewritten stay
    /// locked until commit. Empty on SQLite, whose one writer already holds the whole file.
    /// </summary>
    public static string ForUpdate(this DbConnection connection) => connection is NpgsqlConnection ? " FOR UPDATE" : "";

    /// <summary>
    /// Whether a round trip to the engine costs enough to send many rows as arrays in one statement
    /// (PostgreSQL: another process, often another machine); SQLite runs in process, where one prepared
    /// statement per row is as fast.
    /// </summary>
    public static bool PrefersArrays(this DbConnection connection) => connection is NpgsqlConnection;
}
