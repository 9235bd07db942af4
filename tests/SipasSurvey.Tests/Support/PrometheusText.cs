using System.Diagnostics;
using System.Text.Json;

namespace SipasSurvey.Tests.Support;

/// <summary>One sample of a scrape: its family's type, the sample's name, labels and value.</summary>
public sealed record PrometheusSample(string Family, string Type, string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// /metrics read by an independent parser: the Prometheus project's own Python client
/// (python3-prometheus-client from Debian), which throws on text that is not valid exposition format.
/// </summary>
public static class PrometheusText
{
    private const string Script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for s in family.samples:
                out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
        json.dump(out, sys.stdout)
        """;

    public static async Task<IReadOnlyList<PrometheusSample>> ParseAsync(string text)
    {
        // Debian's interpreter, where the Debian package installs the parser (a pyenv python on PATH would not see it).
        var info = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "the Prometheus parser refused /metrics: " + await error);
        return JsonSerializer.Deserialize<JsonElement>(await output).EnumerateArray().Select(s => new PrometheusSample(
            s.GetProperty("family").GetString()!, s.GetProperty("type").GetString()!, s.GetProperty("name").GetString()!,
            s.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            s.GetProperty("value").GetDouble())).ToList();
    }

    /// <summary>The value of the one sample with this name and these labels (others ignored), or null when absent.</summary>
    public static double? Value(this IReadOnlyList<PrometheusSample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Select(s => (double?)s.Value).SingleOrDefault();
}
