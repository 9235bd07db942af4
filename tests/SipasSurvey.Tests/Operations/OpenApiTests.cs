using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

public sealed class OpenApiTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public OpenApiTests(TestApp app) => _app = app;

    [Fact]
    public async Task The_openapi_document_passes_an_independent_validator()
    {
        using var client = _app.NewClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(_app.DataDirectory, "openapi.json");
        await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());

        var (exitCode, output) = await NodeValidator.ValidateAsync(file);

        Assert.True(exitCode == 0, output);
        Assert.Contains("valid OpenAPI 3.1", output);
    }

    [Fact]
    public async Task Every_json_endpoint_is_in_the_openapi_document()
    {
        using var client = _app.NewClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        foreach (var route in EndpointCatalog.JsonRoutes(_app.Services))
            Assert.True(paths.Contains(route), $"{route} is missing from the OpenAPI document");
    }
}

/// <summary>Runs tests/openapi/validate.mjs (@seriousme/openapi-schema-validator), installing it on first use.</summary>
public static class NodeValidator
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<(int ExitCode, string Output)> ValidateAsync(string file)
    {
        var folder = Path.Combine(AppProcess.RepositoryRoot, "tests", "openapi");
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            {
                var (code, text) = await Run("npm", folder, "ci", "--no-audit", "--no-fund");
                if (code != 0) return (code, "npm ci failed: " + text);
            }
        }
        finally
        {
            Install.Release();
        }
        return await Run("node", folder, "validate.mjs", file);
    }

    private static async Task<(int, string)> Run(string program, string folder, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output + await error);
    }
}
