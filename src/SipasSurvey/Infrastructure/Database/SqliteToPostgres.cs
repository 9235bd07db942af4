using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace SipasSurvey.Infrastructure.Database;

/// <summary>
/// Copies every row of a SQLite database into an empty PostgreSQL database with the same schema, in
/// one PostgreSQL transaction (a copy that fails leaves the target as empty as it was), table by table
/// in foreign-key order, through binary COPY in batches, with a progress line per batch.
/// </summary>
internal static class SqliteToPostgres
{
    private const int Batch = 20_000;

    /// <summary>Tables whose rows hold the data; migrations' own bookkeeping is the target's.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "schema_migrations", "storage_probe", "job_leases", "rate_limit_windows" };

    /// <summary>Why the target is not an empty SipasSurvey database, or null.</summary>
    public static string? NotEmpty(PostgresDatabase target)
    {
        using var connection = target.Open();
        var tables = connection.Query<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1").ToList();
        // schema_migrations and the reference rows migrations seed (procedure_fields) are not data: the copy replaces them.
        foreach (var table in tables.Where(t => t is not ("schema_migrations" or "procedure_fields")))
            if (connection.ExecuteScalar<bool>($"SELECT EXISTS (SELECT 1 FROM \"{table}\")"))
                return $"table {table} already holds rows";
        return null;
    }

    /// <summary>
    /// Every row, and the keys that lived in the SQLite service's data folder (so printed slips and
    /// signed-in sessions keep working), in one PostgreSQL transaction.
    /// </summary>
    public static long Copy(SqliteDatabase source, PostgresDatabase target, byte[] tokenKey, byte[] networkKey, string keysFolder, Action<string> progress)
    {
        using var from = source.OpenSqlite();
        using var snapshot = from.BeginTransaction(deferred: true);
        using var to = (NpgsqlConnection)target.Open();
        using var transaction = to.BeginTransaction();
        long total = 0;
        foreach (var table in TablesInForeignKeyOrder(from))
        {
            var columns = from.Query<string>($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid").ToList();
            var types = to.Query<(string Column, string Type)>(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table",
                new { table }, transaction).ToDictionary(c => c.Column, c => c.Type, StringComparer.Ordinal);
            var missing = columns.Where(c => !types.ContainsKey(c)).ToList();
            if (missing.Count > 0) throw new InvalidOperationException($"{table}: the PostgreSQL schema has no column {string.Join(", ", missing)}; are both databases migrated to the same version?");
            // The migration's seed rows are replaced by the source's (the same names, maybe other ids).
            to.Execute($"DELETE FROM \"{table}\"", transaction: transaction);
            var rows = from.ExecuteScalar<long>($"SELECT count(*) FROM \"{table}\"");
            var copied = 0L;
            var watch = Stopwatch.StartNew();
            using (var select = from.CreateCommand())
            {
                select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"" + (columns.Contains("id") ? " ORDER BY id" : "");
                using var reader = select.ExecuteReader();
                NpgsqlBinaryImporter? import = null;
                try
                {
                    while (reader.Read())
                    {
                        import ??= to.BeginBinaryImport($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
                        import.StartRow();
                        for (var i = 0; i < columns.Count; i++) Write(import, reader.IsDBNull(i) ? null : reader.GetValue(i), types[columns[i]], table, columns[i]);
                        if (++copied % Batch != 0) continue;
                        import.Complete();
                        import.Dispose();
                        import = null;
                        progress(string.Create(CultureInfo.InvariantCulture, $"{table}: {copied:N0} / {rows:N0} rows"));
                    }
                    import?.Complete();
                }
                finally
                {
                    import?.Dispose();
                }
            }
            if (columns.Contains("id") && to.ExecuteScalar<bool>("SELECT pg_get_serial_sequence(@table, 'id') IS NOT NULL", new { table }, transaction))
                to.Execute($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM \"{table}\"), 0) + 1, false)", transaction: transaction);
            progress(string.Create(CultureInfo.InvariantCulture, $"{table}: {copied:N0} rows copied in {watch.Elapsed.TotalSeconds:0.0} s"));
            total += copied;
        }
        CopyKeys(to, transaction, tokenKey, networkKey, keysFolder);
        transaction.Commit();
        return total;
    }

    private static void CopyKeys(NpgsqlConnection connection, NpgsqlTransaction transaction, byte[] tokenKey, byte[] networkKey, string keysFolder)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (name, value) in new[] { ("token", tokenKey), ("network", networkKey) })
            connection.Execute("INSERT INTO server_secrets (name, value, created_at) VALUES (@name, @value, @now) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                new { name, value, now }, transaction);
        if (!Directory.Exists(keysFolder)) return;
        foreach (var file in Directory.GetFiles(keysFolder, "key-*.xml"))
            connection.Execute("INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @now) ON CONFLICT (friendly_name) DO NOTHING",
                new { name = Path.GetFileNameWithoutExtension(file), xml = File.ReadAllText(file), now }, transaction);
    }

    private static void Write(NpgsqlBinaryImporter import, object? value, string type, string table, string column)
    {
        if (value is null)
        {
            import.WriteNull();
            return;
        }
        switch (type)
        {
            case "bigint":
                import.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                break;
            case "text":
                import.Write(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text);
                break;
            case "bytea":
                import.Write(value as byte[] ?? throw new InvalidOperationException($"{table}.{column}: expected bytes, found {value.GetType().Name}"), NpgsqlDbType.Bytea);
                break;
            default:
                throw new InvalidOperationException($"{table}.{column}: no copy rule for PostgreSQL type {type}");
        }
    }

    /// <summary>Every data table, parents before the tables that refer to them.</summary>
    private static List<string> TablesInForeignKeyOrder(SqliteConnection connection)
    {
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .Where(t => !Skipped.Contains(t)).ToList();
        var parents = tables.ToDictionary(t => t, t => connection.Query<string>($"SELECT DISTINCT \"table\" FROM pragma_foreign_key_list('{t}')")
            .Where(p => p != t && tables.Contains(p)).ToList(), StringComparer.Ordinal);
        var ordered = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(t => !placed.Contains(t) && parents[t].All(placed.Contains)).ToList();
            if (ready.Count == 0) throw new InvalidOperationException("The foreign keys between tables form a cycle; cannot order the copy.");
            foreach (var table in ready)
            {
                ordered.Add(table);
                placed.Add(table);
            }
        }
        return ordered;
    }
}
