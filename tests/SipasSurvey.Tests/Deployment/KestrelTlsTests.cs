using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Deployment;

/// <summary>TLS served by the service itself (README, Deploy step 5): Kestrel's https endpoint from a PEM certificate and key.</summary>
public sealed class KestrelTlsTests : IAsyncLifetime
{
    private readonly string _data = TempFolder.Create("kestrel-tls");
    private readonly string _certificates = TempFolder.Create("kestrel-certificates");
    private Process _server = null!;
    private HttpClient _client = null!;
    private System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = null!;

    public async Task InitializeAsync()
    {
        _certificate = NginxProxy.WriteSelfSigned(_certificates);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0)) { listener.Start(); port = ((IPEndPoint)listener.LocalEndpoint).Port; }
        var environment = new Dictionary<string, string>
        {
            ["Sipas__DataDirectory"] = _data,
            ["Sipas__PublicBaseUrl"] = $"https://127.0.0.1:{port}",
            ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{port}",
            ["Kestrel__Endpoints__Https__Certificate__Path"] = Path.Combine(_certificates, "cert.pem"),
            ["Kestrel__Endpoints__Https__Certificate__KeyPath"] = Path.Combine(_certificates, "key.pem"),
        };
        _server = Process.Start(AppProcess.StartInfo(environment, "--demo"))!;
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        _client = NginxProxy.ClientFrom(new Uri($"https://127.0.0.1:{port}/"), null, _certificate);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.False(_server.HasExited, "the service exited during start-up");
            try
            {
                if ((await _client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Kestrel_serves_https_with_hsts_secure_cookies_and_https_slip_links()
    {
        var signIn = await _client.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("max-age=31536000", signIn.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(signIn.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "demo-credentials.json")));
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/v1/slips")
        {
            Content = JsonContent.Create(new { counterId = credentials.RootElement.GetProperty("counterId").GetInt64() }),
        };
        issue.Headers.Authorization = new("Bearer", credentials.RootElement.GetProperty("apiKey").GetString());
        var issued = await _client.SendAsync(issue);
        var body = await issued.Content.ReadAsStringAsync();
        Assert.True(issued.IsSuccessStatusCode, body);
        var url = JsonDocument.Parse(body).RootElement.GetProperty("slips")[0].GetProperty("url").GetString()!;
        Assert.StartsWith($"{_client.BaseAddress!.ToString().TrimEnd('/')}/s/", url);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
        _server?.Dispose();
        _certificate?.Dispose();
        TempFolder.Delete(_data);
        TempFolder.Delete(_certificates);
        return Task.CompletedTask;
    }
}
