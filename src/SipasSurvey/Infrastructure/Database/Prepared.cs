using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Prepared statements cached per connection for the write path: the writer's connection lives
/// for the whole process, so each statement is parsed once, not on every submission.
/// </summary>
public static class Prepared
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Cache = [];

    /// <summary>The prepared command for <paramref name="sql"/> on this connection, with the given parameters bound.</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var commands = Cache.GetValue(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
            command.Prepare();
            commands[sql] = command;
        }
        for (var i = 0; i < parameters.Length; i++) command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return command;
    }
}
