using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

/// <summary>Settings the service cannot start with get one plain line and exit 1 from the service and every verb, never a stack trace.</summary>
/// (Once, in the SQLite pass: the PostgreSQL pass would supply a connection string of its own.)
[Trait("Engine", "sqlite")]
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _data = TempFolder.Create("configuration");

    [Theory]
    [InlineData("Oracle", null, "neither Sqlite nor PostgreSql")]
    [InlineData("PostgreSql", null, "ConnectionStrings:Sipas is empty")]
    [InlineData("PostgreSql", "Password=hemmelig-9f3;;==garbage", "connection string cannot be read")]
    public async Task A_wrong_provider_or_connection_string_is_named_in_one_line(string provider, string? connectionString, string named)
    {
        var environment = new Dictionary<string, string> { ["Sipas__DataDirectory"] = _data, ["Sipas__Database__Provider"] = provider };
        if (connectionString is not null) environment["ConnectionStrings__Sipas"] = connectionString;

        var verb = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1), "migrate");
        var service = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1));

        foreach (var (exitCode, output, error) in new[] { verb, service })
        {
            Assert.Equal(1, exitCode);
            Assert.Contains(named, error);
            Assert.DoesNotContain("Unhandled exception", output + error);
            Assert.DoesNotContain("hemmelig", output + error);   // a password in the string is never echoed
        }
    }

    [Theory]
    [InlineData("Sipas__Proxy__KnownProxies__0", "nginx.local", "Sipas:Proxy:KnownProxies holds 'nginx.local'")]
    [InlineData("Sipas__Proxy__KnownNetworks__0", "10.0.0.0/99", "Sipas:Proxy:KnownNetworks holds '10.0.0.0/99'")]
    [InlineData("Sipas__Metrics__AllowedNetworks__0", "monitoring", "Sipas:Metrics:AllowedNetworks holds 'monitoring'")]
    public async Task A_proxy_or_metrics_network_that_is_not_an_address_is_named_in_one_line(string key, string value, string named)
    {
        var environment = new Dictionary<string, string> { ["Sipas__DataDirectory"] = _data, [key] = value };

        var (exitCode, output, error) = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1), "--demo");

        Assert.Equal(1, exitCode);
        Assert.Contains(named, error);
        Assert.DoesNotContain("Unhandled exception", output + error);
    }

    [Fact]
    public async Task Copy_to_postgresql_refuses_a_connection_string_it_cannot_read()
    {
        var environment = new Dictionary<string, string> { ["Sipas__DataDirectory"] = _data };

        var (exitCode, output, error) = await AppProcess.RunAsync(environment, null, TimeSpan.FromMinutes(1), "copy-to-postgresql", "--to", "garbage");

        Assert.Equal(2, exitCode);
        Assert.Contains("connection string cannot be read", error);
        Assert.DoesNotContain("Unhandled exception", output + error);
    }

    public void Dispose() => TempFolder.Delete(_data);
}
