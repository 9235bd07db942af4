using Dapper;
using SipasSurvey.Bench;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.PostgreSql;

/// <summary>Both engines' migrations end with the same tables, columns, unique constraints and named indexes.</summary>
[Trait("Engine", "postgresql")]
public sealed class SchemaParityTests : IDisposable
{
    private readonly string _folder = TempFolder.Create("parity");
    private readonly string _postgres = PostgresCluster.Shared.CreateEmptyDatabase();

    [Fact]
    public void Sqlite_and_postgresql_migrations_end_with_the_same_schema()
    {
        var sqliteFiles = Directory.GetFiles(Path.Combine(TempFolder.ShippedMigrationsRoot, "sqlite"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var postgresFiles = Directory.GetFiles(Path.Combine(TempFolder.ShippedMigrationsRoot, "postgresql"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(sqliteFiles, postgresFiles);

        var sqlite = new SqliteDatabase(Path.Combine(_folder, "sipas.db"));
        new Migrator(sqlite, Path.Combine(TempFolder.ShippedMigrationsRoot, "sqlite")).Apply();
        using var postgres = new PostgresDatabase(_postgres);
        new Migrator(postgres, Path.Combine(TempFolder.ShippedMigrationsRoot, "postgresql")).Apply();

        var fromSqlite = SqliteSchema(sqlite);
        var fromPostgres = PostgresSchema(postgres);

        Assert.True(fromSqlite.Count > 20, $"only {fromSqlite.Count} schema facts read from SQLite");
        Assert.Equal(fromSqlite, fromPostgres);
    }

    /// <summary>"table t", "column t.c", "unique t(a,b)", "index t.name(a,b)": one line per fact, sorted.</summary>
    private static List<string> SqliteSchema(SqliteDatabase database)
    {
        using var connection = database.Open();
        var facts = new List<string>();
        foreach (var table in connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        {
            facts.Add($"table {table}");
            facts.AddRange(connection.Query<string>($"SELECT name FROM pragma_table_info('{table}')").Select(c => $"column {table}.{c}"));
            var key = string.Join(",", connection.Query<string>($"SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk"));
            if (key.Length > 0) facts.Add($"unique {table}({key})");
            foreach (var (name, unique, origin) in connection.Query<(string, long, string)>($"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var columns = string.Join(",", connection.Query<string>($"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"));
                if (unique == 1) facts.Add($"unique {table}({columns})");
                if (origin == "c") facts.Add($"index {table}.{name}({columns})");
            }
        }
        return facts.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> PostgresSchema(PostgresDatabase database)
    {
        using var connection = database.Open();
        var facts = new List<string>();
        foreach (var table in connection.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"))
        {
            facts.Add($"table {table}");
            facts.AddRange(connection.Query<string>("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table", new { table })
                .Select(c => $"column {table}.{c}"));
            var indexes = connection.Query<(string Name, bool Unique, bool Constraint, string Columns)>(
                """
                SELECT i.relname, x.indisunique, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid),
                       array_to_string(ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
                                             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',')
                FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND t.relname = @table
                """, new { table });
            foreach (var index in indexes)
            {
                if (index.Unique) facts.Add($"unique {table}({index.Columns})");
                if (!index.Constraint) facts.Add($"index {table}.{index.Name}({index.Columns})");
            }
        }
        return facts.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose()
    {
        TempFolder.Delete(_folder);
        PostgresCluster.Shared.DropDatabase(_postgres);
    }
}
