using System.Diagnostics;
using SipasSurvey.Bench;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Deployment;

/// <summary>The files in deploy/ as the tools that will run them read them: nginx -t and systemd-analyze verify.</summary>
[Trait("Engine", "sqlite")]
public sealed class DeployFilesTests : IDisposable
{
    private readonly string _folder = TempFolder.Create("deploy");
    private static string Deploy => Path.Combine(AppProcess.RepositoryRoot, "deploy");

    [Fact]
    public void Nginx_accepts_the_site_file()
    {
        var (main, _, _, certificate) = NginxProxy.Render(_folder, [5001, 5002]);
        using (certificate)
        {
            var (exitCode, output) = NginxProxy.Check(main);

            Assert.True(exitCode == 0, output);
            Assert.Contains("test is successful", output);
        }
    }

    [Fact]
    public void The_site_file_sets_what_the_service_relies_on()
    {
        var site = File.ReadAllText(NginxProxy.SiteFile);
        Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", site);   // overwritten, never appended to what a client sent
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", site);
        Assert.Contains("client_max_body_size 1m;", site);                          // the service's own 1 MiB limit
        Assert.Contains("ssl http2", site);
        var nextUpstream = site.Split('\n').Single(l => l.Trim().StartsWith("proxy_next_upstream ", StringComparison.Ordinal));
        Assert.DoesNotContain("non_idempotent", nextUpstream);                      // a POST that reached one server is never sent to another
        Assert.Equal(2, site.Split('\n').Count(l => l.Trim().StartsWith("server 127.0.0.1:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Systemd_verifies_the_app_server_unit_without_a_warning()
    {
        // systemd-analyze needs an instance name to resolve %i; the unit is checked as sipas@5001.service.
        var unit = Path.Combine(_folder, "sipas@5001.service");
        File.Copy(Path.Combine(Deploy, "systemd", "sipas@.service"), unit);
        using var process = Process.Start(new ProcessStartInfo("systemd-analyze", ["verify", unit]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output);
        Assert.Equal("", output.Trim());   // unknown keys and bad values are only warnings: none is allowed
        var text = File.ReadAllText(unit);
        foreach (var hardening in new[] { "User=sipas", "ProtectSystem=strict", "ReadWritePaths=/var/lib/sipas", "NoNewPrivileges=yes", "KillSignal=SIGTERM" })
            Assert.Contains(hardening, text);
    }

    [Fact]
    public void The_environment_template_names_every_secret_and_fills_none()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "sipas.env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

        foreach (var secret in new[] { "ConnectionStrings__Sipas", "Sipas__Alerts__Secret", "Sipas__Mail__Password" })
            Assert.Equal("", lines[secret]);
        Assert.StartsWith("https://", lines["Sipas__PublicBaseUrl"]);
        Assert.Equal("127.0.0.1", lines["Sipas__Proxy__KnownProxies__0"]);
    }

    public void Dispose() => TempFolder.Delete(_folder);
}
