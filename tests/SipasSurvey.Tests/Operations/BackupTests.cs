using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

/// <summary>The backup verb under load, and the documented restore, as real processes on real files.</summary>
[Trait("Engine", "sqlite")] // VACUUM INTO and the service lock file; on PostgreSQL backup/restore refuse and name pg_dump/pg_restore (PostgresOperatorTests)
public sealed class BackupTests : IDisposable
{
    private readonly TestApp _app = new();
    private readonly string _backups = TempFolder.Create("backups");
    private readonly string _restored = TempFolder.Create("restored");

    public BackupTests() => _ = _app.Demo;

    private static Dictionary<string, string> Environment(string dataDirectory) => new() { ["Sipas__DataDirectory"] = dataDirectory };

    [Fact]
    public async Task A_backup_taken_while_submissions_stream_in_is_consistent_and_restores_to_identical_data()
    {
        var tokens = new Queue<string>();
        for (var sheet = 0; sheet < 4; sheet++)
            foreach (var slip in await SlipApi.IssueAsync(_app, 500)) tokens.Enqueue(slip.GetProperty("token").GetString()!);
        using var client = _app.NewClient();
        using var stop = new CancellationTokenSource();
        var acknowledged = 0;
        var load = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                string token;
                lock (tokens)
                {
                    if (tokens.Count == 0) return;
                    token = tokens.Dequeue();
                }
                var response = await client.PostAsJsonAsync("/api/v1/responses", new { token, answers = new Dictionary<string, int> { ["TC1"] = 4, ["CC2"] = 5 } });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Interlocked.Increment(ref acknowledged);
                await Task.Delay(20);   // a steady stream (about 300 a second) that outlasts the backup
            }
        })).ToList();
        while (Volatile.Read(ref acknowledged) < 50) await Task.Delay(10);

        var during = Path.Combine(_backups, "during.db");
        var backup = await AppProcess.RunAsync(Environment(_app.DataDirectory), null, TimeSpan.FromMinutes(1), "backup", during);
        var acknowledgedAtBackupEnd = Volatile.Read(ref acknowledged);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        Assert.Contains("integrity_check ok", backup.Output);
        Assert.InRange(StoredFile.AssertSound(during).Responses, 50, acknowledgedAtBackupEnd);
        Assert.True(Volatile.Read(ref acknowledged) > acknowledgedAtBackupEnd, "the load had stopped before the backup finished");
        // Everything in the backup is exactly what the live database holds for those rows.
        using (var live = Open(_app.DatabasePath, readOnly: false))
        {
            live.Execute($"ATTACH DATABASE '{during}' AS copy");
            Assert.Equal(0, live.ExecuteScalar<long>("SELECT count(*) FROM (SELECT * FROM copy.responses EXCEPT SELECT * FROM main.responses)"));
            live.Execute("DETACH DATABASE copy");
        }

        // Once the load is over, a backup is identical to the live data, and restores to it.
        var after = Path.Combine(_backups, "after.db");
        Assert.Equal(0, (await AppProcess.RunAsync(Environment(_app.DataDirectory), null, TimeSpan.FromMinutes(1), "backup", after)).ExitCode);
        var refused = await AppProcess.RunAsync(Environment(_app.DataDirectory), null, TimeSpan.FromMinutes(1), "restore", after);
        var restore = await AppProcess.RunAsync(Environment(_restored), null, TimeSpan.FromMinutes(1), "restore", after);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("stop it first", refused.Error);
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Error);
        using var restored = Open(Path.Combine(_restored, "sipas.db"), readOnly: false);
        restored.Execute($"ATTACH DATABASE '{_app.DatabasePath}' AS live");
        foreach (var table in new[] { "responses", "slips", "daily_stats", "daily_slip_stats", "monthly_stats", "monthly_slip_stats", "alert_outbox", "counters", "communes", "users", "audit_log" })
        {
            Assert.Equal(0, restored.ExecuteScalar<long>($"SELECT count(*) FROM (SELECT * FROM main.{table} EXCEPT SELECT * FROM live.{table})"));
            Assert.Equal(0, restored.ExecuteScalar<long>($"SELECT count(*) FROM (SELECT * FROM live.{table} EXCEPT SELECT * FROM main.{table})"));
        }
        restored.Execute("DETACH DATABASE live");
        StoredFile.AssertSound(Path.Combine(_restored, "sipas.db"));
    }

    [Fact]
    public async Task A_restore_keeps_the_database_it_replaces_and_refuses_a_damaged_backup()
    {
        var backupPath = Path.Combine(_backups, "good.db");
        Assert.Equal(0, (await AppProcess.RunAsync(Environment(_app.DataDirectory), null, TimeSpan.FromMinutes(1), "backup", backupPath)).ExitCode);
        Assert.Equal(2, (await AppProcess.RunAsync(Environment(_app.DataDirectory), null, TimeSpan.FromMinutes(1), "backup", backupPath)).ExitCode);   // never overwritten
        var damaged = Path.Combine(_backups, "damaged.db");
        var bytes = await File.ReadAllBytesAsync(backupPath);
        Array.Fill(bytes, (byte)0x5A, 4096, 8192);
        await File.WriteAllBytesAsync(damaged, bytes);

        Assert.Equal(0, (await AppProcess.RunAsync(Environment(_restored), null, TimeSpan.FromMinutes(1), "restore", backupPath)).ExitCode);
        var second = await AppProcess.RunAsync(Environment(_restored), null, TimeSpan.FromMinutes(1), "restore", backupPath);
        var bad = await AppProcess.RunAsync(Environment(_restored), null, TimeSpan.FromMinutes(1), "restore", damaged);

        Assert.Equal(0, second.ExitCode);
        Assert.Single(Directory.GetFiles(_restored, "sipas.replaced-*.db"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not a usable backup", bad.Error);
        using var restored = Open(Path.Combine(_restored, "sipas.db"), readOnly: true);
        Assert.Equal("ok", restored.ExecuteScalar<string>("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task A_backup_into_a_folder_or_a_place_that_cannot_be_written_is_refused_with_a_message()
    {
        var intoFolder = await AppProcess.RunAsync(Environment(_app.DataDirectory), null, TimeSpan.FromMinutes(1), "backup", _backups);
        var unwritable = await AppProcess.RunAsync(Environment(_app.DataDirectory), null, TimeSpan.FromMinutes(1), "backup", "/proc/sipas-backup.db");

        Assert.Equal(2, intoFolder.ExitCode);
        Assert.Contains("exists", intoFolder.Error);
        Assert.Equal(1, unwritable.ExitCode);
        Assert.Contains("Nothing was written", unwritable.Error);
        Assert.DoesNotContain("Unhandled exception", intoFolder.Error + unwritable.Error);
        Assert.False(File.Exists("/proc/sipas-backup.db"));
    }

    [Fact]
    public async Task A_second_service_on_the_same_database_refuses_to_start()
    {
        var environment = Environment(_app.DataDirectory);
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        var second = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1));

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Another SipasSurvey service is running", second.Output + second.Error);
    }

    private static SqliteConnection Open(string path, bool readOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        _app.Dispose();
        TempFolder.Delete(_backups);
        TempFolder.Delete(_restored);
    }
}
