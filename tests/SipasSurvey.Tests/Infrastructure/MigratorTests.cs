using Dapper;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Infrastructure;

public sealed class MigratorTests : IDisposable
{
    private readonly string _data = TempFolder.Create("migrator");
    private readonly string _migrations = TempFolder.CopyOfMigrations();


    /// <summary>On PostgreSQL, an empty database of its own (the same one for every IDatabase this test opens).</summary>
    private IDatabase NewDatabase() => TestEngine.OpenDatabase(_data);

    [Fact]
    public void Migrations_apply_to_an_empty_database_and_a_second_run_is_a_no_op()
    {
        var database = NewDatabase();
        var files = Directory.GetFiles(_migrations, "*.sql").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

        var first = new Migrator(database, _migrations).Apply();
        var second = new Migrator(database, _migrations).Apply();

        Assert.Equal(files, first.Applied);
        Assert.Empty(second.Applied);
        Assert.Equal(files.Count, second.AlreadyApplied);
        using var connection = database.Open();
        Assert.Equal(files, connection.Query<string>("SELECT name FROM schema_migrations ORDER BY name"));
        if (TestEngine.IsPostgreSql)
        {
            // Acknowledged means durable: every session commits synchronously, whatever the server's default.
            Assert.Equal("on", connection.ExecuteScalar<string>("SHOW synchronous_commit"));
            return;
        }
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
        Assert.Equal(1, connection.ExecuteScalar<long>("PRAGMA foreign_keys"));
        Assert.Equal(2, connection.ExecuteScalar<long>("PRAGMA synchronous")); // 2 = FULL
    }

    [Fact]
    public void Questionnaires_an_administrator_imported_before_owners_existed_keep_their_province()
    {
        var database = NewDatabase();
        var later = Directory.GetFiles(_migrations, "*.sql").Where(f => string.CompareOrdinal(Path.GetFileName(f), "0009") >= 0).ToList();
        var held = TempFolder.Create("held");
        foreach (var file in later) File.Move(file, Path.Combine(held, Path.GetFileName(file)));
        new Migrator(database, _migrations).Apply();
        using (var connection = database.Open())
        {
            connection.Execute("INSERT INTO provinces (code, name) VALUES ('01', 'Hà Nội'), ('79', 'TP.HCM')");
            connection.Execute(
                """
                INSERT INTO questionnaire_versions (questionnaire_id, version, definition, checksum, status, created_at)
                VALUES ('sipas-2023', 1, '{}', 'a', 'published', 0), ('hcm-rieng', 1, '{}', 'b', 'draft', 0)
                """);
            connection.Execute(
                """
                INSERT INTO users (id, username, display_name, role, province_code, password_hash, security_stamp, created_at, password_changed_at)
                VALUES (7, 'admin.hcm', 'A', 'admin', '79', 'x', 's', 0, 0)
                """);
            connection.Execute("INSERT INTO audit_log (at, actor, actor_user_id, province_code, action, target) VALUES (0, 'user:7 admin.hcm', 7, '79', 'questionnaire.import', 'questionnaire:hcm-rieng@1')");
            connection.Execute("INSERT INTO audit_log (at, actor, province_code, action, target) VALUES (0, 'cli root', NULL, 'questionnaire.import', 'questionnaire:sipas-2023@1')");
        }
        foreach (var file in later) File.Move(Path.Combine(held, Path.GetFileName(file)), file);

        new Migrator(database, _migrations).Apply();

        using var check = database.Open();
        Assert.Equal("79", check.ExecuteScalar<string?>("SELECT owner_province_code FROM questionnaire_versions WHERE questionnaire_id = 'hcm-rieng'"));
        Assert.Null(check.ExecuteScalar<string?>("SELECT owner_province_code FROM questionnaire_versions WHERE questionnaire_id = 'sipas-2023'"));
    }

    [Fact]
    public void Migration_0017_lets_responses_take_the_kiosk_channel_and_keeps_every_row_and_reference()
    {
        var database = NewDatabase();
        var later = Directory.GetFiles(_migrations, "*.sql").Where(f => string.CompareOrdinal(Path.GetFileName(f), "0017") >= 0).ToList();
        var held = TempFolder.Create("held");
        foreach (var file in later) File.Move(file, Path.Combine(held, Path.GetFileName(file)));
        new Migrator(database, _migrations).Apply();
        const string Response =
            """
            INSERT INTO responses (slip_id, commune_code, counter_id, questionnaire_version_id, channel, day, submitted_at, answers, body_hash, source)
            VALUES (@slip, '00001', 1, 1, @channel, '2026-12-07', 0, '45', @hash, 'form')
            """;
        void Slip(System.Data.Common.DbConnection c, int id) => c.Execute(
            """
            INSERT INTO slips (id, token_hash, code_hash, seed, commune_code, counter_id, questionnaire_version_id, issued_at, expires_at)
            VALUES (@id, @hash, @hash, @hash, '00001', 1, 1, 0, 1)
            """, new { id, hash = new[] { (byte)id } });
        // A connection opened (and pooled) before the migration, as a running server's would be.
        using (var early = database.Open())
        {
            early.Execute("INSERT INTO provinces (code, name) VALUES ('01', 'Hà Nội')");
            early.Execute("INSERT INTO communes (code, name, unit_type, province_code, valid_from) VALUES ('00001', 'Phường Ba Đình', 'phuong', '01', '2025-07-01')");
            early.Execute("INSERT INTO questionnaire_versions (id, questionnaire_id, version, definition, checksum, status, created_at) VALUES (1, 'sipas-2023', 1, '{}', 'a', 'published', 0)");
            early.Execute("INSERT INTO counters (id, commune_code, name, created_at) VALUES (1, '00001', 'Quầy 1', 0)");
            Slip(early, 1);
            Slip(early, 2);
            early.Execute(Response, new { slip = 1, channel = "slip", hash = new byte[] { 1 } });
            early.Execute("INSERT INTO alert_outbox (response_id, commune_code, payload, created_at, next_attempt_at) VALUES (1, '00001', '{}', 0, 0)");
            Assert.ThrowsAny<System.Data.Common.DbException>(() => early.Execute(Response, new { slip = 2, channel = "kiosk", hash = new byte[] { 2 } }));
        }
        foreach (var file in later) File.Move(Path.Combine(held, Path.GetFileName(file)), file);

        Assert.Equal(["0017_kiosk_channel.sql"], new Migrator(database, _migrations).Apply().Applied.Take(1));

        using var connection = database.Open();
        connection.Execute(Response, new { slip = 2, channel = "kiosk", hash = new byte[] { 2 } });
        Assert.Equal(["slip", "kiosk"], connection.Query<string>("SELECT channel FROM responses ORDER BY id"));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT response_id FROM alert_outbox"));
        Slip(connection, 3);
        // Still a CHECK: anything else is refused.
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute(Response, new { slip = 3, channel = "tablet", hash = new byte[] { 3 } }));
        if (!TestEngine.IsPostgreSql)
        {
            // Read back cold, the file is sound: the edited schema parses and every row satisfies it.
            Assert.Equal(["ok"], database.IntegrityCheck(connection, null));
            Assert.Empty(connection.Query("PRAGMA foreign_key_check"));
        }
    }

    [Fact]
    public void An_edited_applied_migration_is_refused_with_its_file_name()
    {
        var database = NewDatabase();
        new Migrator(database, _migrations).Apply();
        var first = Directory.GetFiles(_migrations, "*.sql").Order(StringComparer.Ordinal).First();
        File.AppendAllText(first, "\n-- a harmless-looking edit\n");

        var error = Assert.Throws<MigrationException>(() => new Migrator(database, _migrations).Apply());

        Assert.Contains(Path.GetFileName(first), error.Message);
        Assert.Contains("edited", error.Message);
    }

    [Fact]
    public void A_missing_applied_migration_is_refused_with_its_file_name()
    {
        var database = NewDatabase();
        new Migrator(database, _migrations).Apply();
        var last = Directory.GetFiles(_migrations, "*.sql").Order(StringComparer.Ordinal).Last();
        File.Delete(last);

        var error = Assert.Throws<MigrationException>(() => new Migrator(database, _migrations).Apply());

        Assert.Contains(Path.GetFileName(last), error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void A_new_migration_numbered_before_an_applied_one_is_refused()
    {
        var database = NewDatabase();
        new Migrator(database, _migrations).Apply();
        File.WriteAllText(Path.Combine(_migrations, "0000_sneaky.sql"), "CREATE TABLE sneaky (x INTEGER);");

        var error = Assert.Throws<MigrationException>(() => new Migrator(database, _migrations).Apply());

        Assert.Contains("0000_sneaky.sql", error.Message);
    }

    [Fact]
    public void A_failing_migration_rolls_back_the_whole_run()
    {
        var database = NewDatabase();
        File.WriteAllText(Path.Combine(_migrations, "9998_good.sql"), "CREATE TABLE good (x INTEGER);");
        File.WriteAllText(Path.Combine(_migrations, "9999_bad.sql"), "CREATE TABLE bad (x INTEGER); INSERT INTO no_such_table VALUES (1);");

        var error = Assert.Throws<MigrationException>(() => new Migrator(database, _migrations).Apply());

        Assert.Contains("9999_bad.sql", error.Message);
        using var connection = database.Open();
        foreach (var table in (string[])["good", "bad", "schema_migrations", "communes"]) Assert.False(database.TableExists(connection, table), table);
    }

    [Fact]
    public async Task Two_migrators_racing_on_one_file_apply_each_migration_once()
    {
        NewDatabase();
        // A deliberately slow migration keeps the first runner inside its transaction while the second arrives.
        File.WriteAllText(Path.Combine(_migrations, "9999_slow.sql"),
            "CREATE TABLE slow AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400000) SELECT x FROM n;");
        using var start = new Barrier(2);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var migrator = new Migrator(NewDatabase(), _migrations);
            start.SignalAndWait();
            return migrator.Apply();
        })).ToArray();
        var reports = await Task.WhenAll(runs);

        var fileCount = Directory.GetFiles(_migrations, "*.sql").Length;
        Assert.Equal(fileCount, reports.Sum(r => r.Applied.Count));
        using var connection = NewDatabase().Open();
        Assert.Equal(fileCount, connection.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(400000, connection.ExecuteScalar<long>("SELECT count(*) FROM slow"));
    }

    [Fact]
    public async Task Two_processes_starting_at_once_apply_each_migration_once()
    {
        File.WriteAllText(Path.Combine(_migrations, "9999_slow.sql"),
            "CREATE TABLE slow AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1500000) SELECT x FROM n;");
        var environment = new Dictionary<string, string>
        {
            ["Sipas__DataDirectory"] = _data,
            ["Sipas__MigrationsDirectory"] = _migrations,
        };

        var results = await Task.WhenAll(
            AppProcess.RunAsync(environment, null, TimeSpan.FromSeconds(60), "migrate"),
            AppProcess.RunAsync(environment, null, TimeSpan.FromSeconds(60), "migrate"));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error + r.Output));
        var fileCount = Directory.GetFiles(_migrations, "*.sql").Length;
        Assert.Single(results, r => r.Output.Contains($"Applied {fileCount} migration(s)."));
        Assert.Single(results, r => r.Output.Contains("Schema is current"));
        using var connection = NewDatabase().Open();
        Assert.Equal(fileCount, connection.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1500000, connection.ExecuteScalar<long>("SELECT count(*) FROM slow"));
    }

    public void Dispose()
    {
        TempFolder.Delete(_data);
        TempFolder.Delete(_migrations);
    }
}

public sealed class DapperConventionTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public DapperConventionTests(TestApp app) => _app = app;

    [Fact]
    public void Instants_are_stored_as_utc_unix_milliseconds()
    {
        var at = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.FromHours(7));
        using var connection = _app.Database.Open();

        connection.Execute("INSERT INTO audit_log (at, actor, action) VALUES (@at, 'test', 'test.instant')", new { at });
        var stored = connection.QuerySingle<(string Type, long Value)>(TestEngine.IsPostgreSql
            ? "SELECT pg_typeof(at)::text, at FROM audit_log WHERE action = 'test.instant'"
            : "SELECT typeof(at), at FROM audit_log WHERE action = 'test.instant'");
        var read = connection.QuerySingle<DateTimeOffset>("SELECT at FROM audit_log WHERE action = 'test.instant'");
        DateTimeOffset? missing = null;
        connection.Execute("INSERT INTO audit_log (at, actor, action, target) VALUES (@at, 'test', 'test.null', @missing)", new { at, missing });

        Assert.Equal((TestEngine.IsPostgreSql ? "bigint" : "integer", at.ToUnixTimeMilliseconds()), stored);
        Assert.Equal(at, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }
}
