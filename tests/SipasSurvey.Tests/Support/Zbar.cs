using System.Diagnostics;

namespace SipasSurvey.Tests.Support;

/// <summary>
/// zbarimg (Debian's zbar-tools): an independent QR decoder reading the images we produce. SVG is
/// first rasterised by rsvg-convert (librsvg), as a browser or a print driver would.
/// </summary>
public static class Zbar
{
    public static async Task<string> DecodeAsync(byte[] image, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sipas-qr-{Guid.NewGuid():N}.{extension}");
        var png = Path.ChangeExtension(file, ".raster.png");
        await File.WriteAllBytesAsync(file, image);
        try
        {
            var decodable = file;
            if (extension == "svg")
            {
                var (code, _, error) = await RunAsync("rsvg-convert", "--width", "600", "--output", png, file);
                if (code != 0) throw new InvalidOperationException("rsvg-convert could not render the SVG: " + error);
                decodable = png;
            }
            var (exit, output, problem) = await RunAsync("zbarimg", "--quiet", "--raw", decodable);
            if (exit != 0) throw new InvalidOperationException($"zbarimg found no QR code (exit {exit}): {problem}");
            return output.Trim();
        }
        finally
        {
            File.Delete(file);
            File.Delete(png);
        }
    }

    private static async Task<(int, string, string)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException(program + " could not start (tests/run.sh installs it)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }
}
