using System.Collections.Concurrent;
using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MimeKit;

namespace SipasSurvey.Tests.Support;

/// <summary>
/// A real SMTP server for the test: nodemailer's smtp-server (tests/smtp, installed by tests/run.sh)
/// on a free loopback port; every message it accepts is parsed back with MimeKit.
/// </summary>
public sealed class SmtpReceiver : IDisposable
{
    private readonly Process _process;

    public SmtpReceiver()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0)) { listener.Start(); Port = ((IPEndPoint)listener.LocalEndpoint).Port; }
        var folder = Path.Combine(AppProcess.RepositoryRoot, "tests", "smtp");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            throw new InvalidOperationException("tests/smtp/node_modules is missing: run npm ci there (tests/run.sh does).");
        _process = Process.Start(new ProcessStartInfo("node", ["receiver.mjs", Port.ToString(CultureInfo.InvariantCulture)])
        { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var listening = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { Length: > 0 } line) return;
            var json = JsonDocument.Parse(line).RootElement;
            if (json.TryGetProperty("listening", out JsonElement _)) { listening.TrySetResult(); return; }
            using var raw = new MemoryStream(Convert.FromBase64String(json.GetProperty("raw").GetString()!));
            Messages.Enqueue((json.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList(), MimeMessage.Load(raw)));
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(20))) throw new TimeoutException("the SMTP server did not start");
    }

    public int Port { get; }

    public ConcurrentQueue<(IReadOnlyList<string> To, MimeMessage Message)> Messages { get; } = new();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
