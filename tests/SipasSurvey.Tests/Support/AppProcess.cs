using System.Diagnostics;

namespace SipasSurvey.Tests.Support;

/// <summary>The built service run as a real operating-system process (CLI verbs, start-up, crash tests).</summary>
public static class AppProcess
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The app's own build output (migrations and samples beside it, as shipped).</summary>
    public static string AppDll { get; } = FindAppDll();

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AppDll)!,
        };
        info.ArgumentList.Add(AppDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment.TryGetValue("Sipas__DataDirectory", out var dataDirectory);
        foreach (var (key, value) in TestEngine.ProcessEnvironment(dataDirectory)) info.Environment[key] = value;
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return info;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyDictionary<string, string> environment, string? input, TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within {timeout}.");
        }
        return (process.ExitCode, await output, await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SipasSurvey.sln"))) return dir.FullName;
        throw new InvalidOperationException("SipasSurvey.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindAppDll()
    {
        // The test output is tests/SipasSurvey.Tests/bin/<Configuration>/net10.0; the app's is the same below src/.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var path = Path.Combine(RepositoryRoot, "src", "SipasSurvey", "bin", configuration, testBin.Name, "SipasSurvey.dll");
        if (!File.Exists(path)) throw new FileNotFoundException("Build the service first: " + path);
        return path;
    }
}
