using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace SipasSurvey.Features.Demo;

internal static class DemoWelcome
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes demo-credentials.json into the data folder and tells the person at the terminal where to go.</summary>
    public static void Announce(IServiceProvider services, DemoState state)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseUrl = (addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault() ?? "http://localhost:5000")
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
        var credentials = new Dictionary<string, object?>
        {
            ["baseUrl"] = baseUrl,
            ["communeCode"] = state.CommuneCode,
            ["counterId"] = state.CounterId,
        };
        foreach (var (key, value) in state.Credentials) credentials[key] = value;
        var options = services.GetRequiredService<IOptions<SipasOptions>>().Value;
        OwnerOnlyFiles.CreateFolder(options.ResolvedDataDirectory);
        var path = Path.Combine(options.ResolvedDataDirectory, "demo-credentials.json");
        OwnerOnlyFiles.WriteText(path, JsonSerializer.Serialize(credentials, Json));
        Print(baseUrl, path, state.WelcomeLines);
    }

    private static void Print(string baseUrl, string credentialsPath, IEnumerable<string> lines)
    {
        Console.WriteLine();
        Console.WriteLine("SipasSurvey is running with demo data.");
        Console.WriteLine($"  Open:        {baseUrl}/");
        foreach (var line in lines) Console.WriteLine("  " + line);
        Console.WriteLine($"  Health:      {baseUrl}/healthz");
        Console.WriteLine($"  OpenAPI:     {baseUrl}/openapi/v1.json");
        Console.WriteLine($"  Credentials: {credentialsPath}");
        Console.WriteLine("Press Ctrl+C to stop.");
        Console.WriteLine();
    }
}
