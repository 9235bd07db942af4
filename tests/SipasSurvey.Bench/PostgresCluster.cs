using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Bench;

/// <summary>
/// A throw-away PostgreSQL cluster for the test run, from Debian's packages: initdb into a temporary
/// folder (as the postgres user when the tests run as root, since initdb refuses root), a free loopback
/// port, fsync on, stopped and removed when the test process ends. A migrated template database is
/// cloned for each test app, which is much faster than migrating each one.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private static readonly Lazy<PostgresCluster> Instance = new(() => new PostgresCluster(null, "64MB"), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private readonly bool _kept;
    private int _databases;

    public static PostgresCluster Shared => Instance.Value;

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>A cluster of its own, for a test that stops and starts the server under load; disposed by that test.</summary>
    /// <param name="sharedBuffers">PostgreSQL's own cache: small for the many test databases, larger for the load generator.</param>
    public static PostgresCluster StartPrivate(string sharedBuffers = "64MB") => new(null, sharedBuffers);

    /// <summary>
    /// A cluster kept in <paramref name="folder"/> across runs (the load generator's seeded databases):
    /// created there the first time, started on a free port, stopped but not removed when disposed.
    /// </summary>
    public static PostgresCluster StartKept(string folder, string sharedBuffers = "1GB") => new(Path.GetFullPath(folder), sharedBuffers);

    private readonly string _sharedBuffers;

    private PostgresCluster(string? keptFolder, string sharedBuffers)
    {
        _sharedBuffers = sharedBuffers;
        _bin = FindBin();
        _asPostgresUser = Environment.UserName == "root";
        _kept = keptFolder is not null;
        _folder = keptFolder ?? Path.Combine(Path.GetTempPath(), $"sipas-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var data = Path.Combine(_folder, "data");
        var fresh = !Directory.Exists(data);
        if (fresh)
        {
            Directory.CreateDirectory(_folder);
            if (_asPostgresUser) Run("/bin/chown", "-R", "postgres:postgres", _folder);
            RunAsOwner(Path.Combine(_bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions");
        }
        Port = FreePort();
        Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        if (!_kept) CreateTemplate();
    }

    /// <summary>The named database, created empty if it does not exist yet; its connection string.</summary>
    public string NamedDatabase(string name)
    {
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        using var exists = admin.CreateCommand();
        exists.CommandText = $"SELECT count(*) FROM pg_database WHERE datname = '{name}'";
        if ((long)exists.ExecuteScalar()! == 0)
        {
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'";
            create.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    /// <summary>A new database cloned from the migrated template; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"sipas_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        using var command = admin.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name} TEMPLATE sipas_template";
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>An empty database without the schema (migration and copy tests).</summary>
    public string CreateEmptyDatabase() => NamedDatabase($"sipas_empty_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");

    /// <summary>Drops a database made by <see cref="CreateDatabase"/> (its app has stopped; stray connections are closed).</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        using var command = admin.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30;Maximum Pool Size=40";

    private void CreateTemplate()
    {
        using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            admin.Open();
            using var command = admin.CreateCommand();
            command.CommandText = "CREATE DATABASE sipas_template TEMPLATE template0 ENCODING 'UTF8'";
            command.ExecuteNonQuery();
        }
        var database = new PostgresDatabase(ConnectionString("sipas_template") + ";Pooling=false");
        new Migrator(database, Path.Combine(MigrationsRoot(), "postgresql")).Apply();
        database.Dispose();
    }

    /// <summary>Starts the server (again) on its port.</summary>
    public void Start() =>
        RunAsOwner(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=400 -c shared_buffers={_sharedBuffers}");

    /// <summary>Stops the server at once, as a crash or a power cut would (immediate mode: no checkpoint, WAL replay at the next start).</summary>
    public void Kill() => RunAsOwner(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");

    public void Dispose() => Stop();

    private void Stop()
    {
        try
        {
            Kill();
        }
        catch (Exception)
        {
            // Already stopped.
        }
        // SIPAS_TEST_PG_LOG=path keeps the server's log (every failed statement with its text) for a look after the run.
        if (Environment.GetEnvironmentVariable("SIPAS_TEST_PG_LOG") is { Length: > 0 } keep)
            try { File.Copy(Path.Combine(_folder, "server.log"), keep, overwrite: true); } catch (IOException) { }
        if (!_kept) try { Directory.Delete(_folder, recursive: true); } catch (Exception) { /* the OS temp cleaner gets it */ }
    }

    /// <summary>The repository's migrations folder (the load generator and the tests run from their bin folders inside it).</summary>
    private static string MigrationsRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "migrations", "postgresql"))) return Path.Combine(dir.FullName, "migrations");
        throw new DirectoryNotFoundException("migrations/postgresql not found above " + AppContext.BaseDirectory);
    }

    private static string FindBin()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL is not installed (Debian package postgresql); tests/run.sh installs it.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void RunAsOwner(string program, params string[] args)
    {
        if (_asPostgresUser) Run("/usr/sbin/runuser", ["-u", "postgres", "--", program, .. args]);
        else Run(program, args);
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }
}
