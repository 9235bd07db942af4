using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SipasSurvey.Bench;

/// <summary>
/// Debian's nginx running the repository's own site file (deploy/nginx/sipas.conf) in a temporary
/// folder: only the ports, the upstream servers and the certificate paths are replaced, so what is
/// tested is what operators install. A self-signed certificate for 127.0.0.1 is made per proxy.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    private readonly string _folder;
    private readonly Process _process;

    private NginxProxy(Process process, string folder, int httpPort, int httpsPort, X509Certificate2 certificate)
    {
        _process = process;
        _folder = folder;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
        Certificate = certificate;
    }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public Uri HttpsAddress => new($"https://127.0.0.1:{HttpsPort}/");

    public X509Certificate2 Certificate { get; }

    /// <summary>deploy/nginx/sipas.conf of the repository this program was built in.</summary>
    public static string SiteFile { get; } = FindSiteFile();

    private static string FindSiteFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "deploy", "nginx", "sipas.conf");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("deploy/nginx/sipas.conf not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The site file made to run here: free ports, these app servers, a certificate in <paramref name="folder"/>.</summary>
    public static (string MainConfig, int HttpPort, int HttpsPort, X509Certificate2 Certificate) Render(string folder, IReadOnlyList<int> upstreamPorts, string workerProcesses = "1")
    {
        var certificate = WriteSelfSigned(folder);
        int httpPort = FreePort(), httpsPort = FreePort();
        var lines = new List<string>();
        var upstreamWritten = false;
        foreach (var line in File.ReadAllLines(SiteFile))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("listen [::]", StringComparison.Ordinal)) continue;   // a test machine may have no IPv6
            if (trimmed.StartsWith("server 127.0.0.1:", StringComparison.Ordinal))
            {
                if (upstreamWritten) continue;
                var options = trimmed[(trimmed.IndexOf(' ', "server ".Length) + 1)..];
                lines.AddRange(upstreamPorts.Select(p => $"    server 127.0.0.1:{p} {options}"));
                upstreamWritten = true;
                continue;
            }
            lines.Add(line
                .Replace("listen 80;", $"listen 127.0.0.1:{httpPort};")
                .Replace("listen 443 ssl http2;", $"listen 127.0.0.1:{httpsPort} ssl http2;")
                .Replace("return 301 https://$host$request_uri;", $"return 301 https://$host:{httpsPort}$request_uri;")
                .Replace("/etc/ssl/sipas/fullchain.pem", Path.Combine(folder, "cert.pem"))
                .Replace("/etc/ssl/sipas/privkey.pem", Path.Combine(folder, "key.pem")));
        }
        if (!upstreamWritten) throw new InvalidOperationException("deploy/nginx/sipas.conf has no 'server 127.0.0.1:…' upstream line");
        File.WriteAllLines(Path.Combine(folder, "sipas.conf"), lines);
        var temp = Path.Combine(folder, "temp");
        Directory.CreateDirectory(temp);
        // nginx's workers run as an unprivileged user when the tests run as root: they must be able to write its temp folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, (UnixFileMode)0b111_111_111);
        var main = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(main, $$"""
            worker_processes {{workerProcesses}};
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{folder}}/access.log;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{folder}}/sipas.conf;
            }
            """);
        return (main, httpPort, httpsPort, certificate);
    }

    /// <summary><c>nginx -t</c> on a rendered configuration: its exit code and what it printed.</summary>
    public static (int ExitCode, string Output) Check(string mainConfig)
    {
        using var process = Process.Start(new ProcessStartInfo("nginx", ["-t", "-c", mainConfig, "-p", Path.GetDirectoryName(mainConfig)!])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    public static NginxProxy Start(IReadOnlyList<int> upstreamPorts, string workerProcesses = "1")
    {
        var folder = Path.Combine(Path.GetTempPath(), "sipas-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (main, httpPort, httpsPort, certificate) = Render(folder, upstreamPorts, workerProcesses);
        var (code, output) = Check(main);
        if (code != 0) throw new InvalidOperationException("nginx -t failed: " + output);
        var process = Process.Start(new ProcessStartInfo("nginx", ["-c", main, "-p", folder, "-g", "daemon off;"])
        { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException("nginx exited: " + File.ReadAllText(Path.Combine(folder, "error.log")));
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, httpsPort);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
        return new NginxProxy(process, folder, httpPort, httpsPort, certificate);
    }

    /// <summary>
    /// A client of the proxy that trusts its certificate and connects from <paramref name="from"/> (any
    /// 127.x.y.z address works on Linux), so different "phones" reach nginx from different addresses.
    /// </summary>
    public HttpClient Client(IPAddress? from = null, int connections = 16, bool followRedirects = false) =>
        ClientFrom(HttpsAddress, from, Certificate, connections, followRedirects);

    public static HttpClient ClientFrom(Uri baseAddress, IPAddress? from, X509Certificate2? trusted, int connections = 16, bool followRedirects = false)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            AllowAutoRedirect = followRedirects,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => trusted is not null && certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(trusted.GetCertHash()),
            },
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    if (from is not null) socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint.Host == "127.0.0.1" ? IPAddress.Loopback : IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    /// <summary>A self-signed certificate for 127.0.0.1 written as cert.pem and key.pem into <paramref name="folder"/>.</summary>
    public static X509Certificate2 WriteSelfSigned(string folder)
    {
        var certificate = SelfSigned();
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        using (var key = certificate.GetRSAPrivateKey()!) File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        Certificate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a worker still closing its log; the OS temp cleaner gets it
        }
    }
}
