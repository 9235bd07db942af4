using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SipasSurvey.Bench;

/// <summary>
/// The real service as a child process on 127.0.0.1: started, timed until /healthz answers,
/// its resident memory sampled every 100 ms, and stopped gracefully or killed with SIGKILL.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _sampling = new();
    private readonly Task _sampler;
    private long _maxRssKb;

    private ServerProcess(Process process, Uri baseAddress, TimeSpan startup)
    {
        _process = process;
        BaseAddress = baseAddress;
        Startup = startup;
        _sampler = Task.Run(SampleAsync);
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first healthy /healthz.</summary>
    public TimeSpan Startup { get; }

    public int Pid => _process.Id;

    public double MaxRssMb => Interlocked.Read(ref _maxRssKb) / 1024.0;

    /// <summary>
    /// The service built in the same configuration as this assembly (bin/&lt;Configuration&gt;/net10.0), else Release;
    /// or the SipasSurvey.dll that SIPAS_BENCH_SERVER names.
    /// </summary>
    public static string ServerDll()
    {
        // Another build side by side (say the previous main), driven by this same load generator.
        if (Environment.GetEnvironmentVariable("SIPAS_BENCH_SERVER") is { Length: > 0 } other) return Path.GetFullPath(other);
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        foreach (var configuration in new[] { output.Parent!.Name, "Release" })
            for (var dir = output; dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "src", "SipasSurvey", "bin", configuration, "net10.0", "SipasSurvey.dll");
                if (File.Exists(path)) return path;
            }
        throw new FileNotFoundException("Build the service first: dotnet build -c Release");
    }

    /// <summary>Starts the service on <paramref name="port"/> (a free one when null: a restarted server keeps its port).</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, IDictionary<string, string> settings, bool demo, TimeSpan timeout, int? port = null)
    {
        port ??= FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(ServerDll());
        if (demo) info.ArgumentList.Add("--demo");
        info.WorkingDirectory = Path.GetDirectoryName(ServerDll())!;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Sipas__DataDirectory"] = dataDirectory;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["Sipas__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine("server: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"server exited with {process.ExitCode} during start-up");
            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                    return new ServerProcess(process, baseAddress, watch.Elapsed);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
        process.Kill(true);
        throw new TimeoutException("server did not become healthy");
    }

    /// <summary>User plus system CPU time the server has used so far (from /proc/PID/stat, in clock ticks of 10 ms).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command name: field 3 is the state, so utime (14) and stime (15) are at 11 and 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>SIGKILL: no shutdown code runs, like a power cut to the process.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public int Port => BaseAddress.Port;

    /// <summary>SIGTERM, as systemd stops a service: the exit code once it has gone (killed after 30 s).</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            if (!_process.WaitForExit(30_000)) _process.Kill(true);
        }
        _process.WaitForExit();
        await _sampling.CancelAsync();
        await _sampler;
        return _process.ExitCode;
    }

    private async Task SampleAsync()
    {
        while (!_sampling.IsCancellationRequested)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync($"/proc/{_process.Id}/status"))
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                        if (kb > Interlocked.Read(ref _maxRssKb)) Interlocked.Exchange(ref _maxRssKb, kb);
                    }
            }
            catch (IOException) { return; }
            catch (UnauthorizedAccessException) { return; }
            try { await Task.Delay(100, _sampling.Token); } catch (OperationCanceledException) { return; }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(true);
        await _sampling.CancelAsync();
        try { await _sampler; } catch (OperationCanceledException) { }
        _process.Dispose();
    }
}
