using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

/// <summary>README's run command, as a real process: demo data, credentials file, /healthz within seconds.</summary>
public sealed class DemoModeTests : IDisposable
{
    private readonly string _data = TempFolder.Create("demo");

    [Fact]
    public async Task Demo_mode_serves_healthz_within_seconds_and_writes_credentials()
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Sipas__DataDirectory"] = _data,
        };
        using var process = Process.Start(AppProcess.StartInfo(environment, "--demo"))!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
            var watch = Stopwatch.StartNew();
            HttpStatusCode? status = null;
            while (watch.Elapsed < TimeSpan.FromSeconds(60) && status != HttpStatusCode.OK && !process.HasExited)
            {
                try { status = (await client.GetAsync("/healthz")).StatusCode; }
                catch (HttpRequestException) { await Task.Delay(100); }
                catch (TaskCanceledException) { }
            }
            Assert.True(status == HttpStatusCode.OK, "no healthy answer; output:\n" + output);

            var credentialsPath = Path.Combine(_data, "demo-credentials.json");
            for (var i = 0; i < 50 && !File.Exists(credentialsPath); i++) await Task.Delay(100);
            using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(credentialsPath));
            var root = credentials.RootElement;
            Assert.Equal($"http://127.0.0.1:{port}", root.GetProperty("baseUrl").GetString());
            Assert.Equal("00070", root.GetProperty("communeCode").GetString());
            Assert.True(root.GetProperty("counterId").GetInt64() > 0);
            lock (output) Assert.Contains($"http://127.0.0.1:{port}/", output.ToString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => TempFolder.Delete(_data);
}
