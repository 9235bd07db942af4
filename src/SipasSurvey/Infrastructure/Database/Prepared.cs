using System.Runtime.CompilerServices;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Prepared statements cached per connection, for the hot path only (a slip by token, the submission
/// insert, report aggregates): the writer's connection and the read pool's live for the whole process,
/// so each statement is parsed once instead of on every request, which Dapper cannot do. Parameters are
/// named @name exactly as with Dapper, so SQL reads the same everywhere. Everything else uses Dapper.
/// </summary>
internal static class Prepared
{
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Cache = [];

    /// <summary>The prepared command for <paramref name="sql"/> on this connection, with the given parameters bound.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var commands = Cache.GetValue(connection, _ => new Dictionary<string, DbCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = Value(value);
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            commands[sql] = command;
        }
        for (var i = 0; i < parameters.Length; i++) command.Parameters[i].Value = Value(parameters[i].Value);
        return command;
    }

    /// <summary>Instants as UTC Unix milliseconds and booleans as 0/1, as everywhere in the schema.</summary>
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
        bool flag => flag ? 1L : 0L,
        int number => (long)number,
        _ => value,
    };
}
