using System.Data;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Dapper conventions used everywhere: snake_case columns, instants as UTC Unix milliseconds, and
/// booleans as 0/1 integers (the schema's booleans are integers on every engine, so SQL such as
/// "active = @active" reads the same on SQLite and PostgreSQL).
/// </summary>
internal static class DapperSetup
{
    private static int _done;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper's built-in map wins over handlers for DateTimeOffset parameters (they would be
        // written as text), so it is removed first.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UnixMillisecondsHandler());
        SqlMapper.AddTypeHandler(new NullableUnixMillisecondsHandler());
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.RemoveTypeMap(typeof(bool?));
        SqlMapper.AddTypeHandler(new IntegerBooleanHandler());
        SqlMapper.AddTypeHandler(new NullableIntegerBooleanHandler());
    }

    private sealed class IntegerBooleanHandler : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value ? 1L : 0L;
        }

        public override bool Parse(object value) => value is bool flag ? flag : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private sealed class NullableIntegerBooleanHandler : SqlMapper.TypeHandler<bool?>
    {
        public override void SetValue(IDbDataParameter parameter, bool? value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value is { } flag ? flag ? 1L : 0L : DBNull.Value;
        }

        public override bool? Parse(object value) => value is null or DBNull ? null
            : value is bool flag ? flag : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    private sealed class UnixMillisecondsHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value.ToUnixTimeMilliseconds();
        }

        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class NullableUnixMillisecondsHandler : SqlMapper.TypeHandler<DateTimeOffset?>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset? value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;
        }

        public override DateTimeOffset? Parse(object value) => value is null or DBNull
            ? null
            : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
