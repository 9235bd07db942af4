using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Operations;

/// <summary>
/// The database file stops accepting writes while the service runs, as when ext4 remounts a failing
/// disk read-only: the files are made immutable (chattr +i), which the kernel enforces even on the
/// connections already open. Submissions get 503, /healthz fails, nothing is half-written, and the
/// service carries on by itself once the files are writable again.
/// </summary>
[Trait("Engine", "sqlite")] // file permissions of the SQLite database; PostgreSQL read-only is tested in PostgresFaultTests
public sealed class ReadOnlyFileTests : IDisposable
{
    // Beside the test binaries rather than in /tmp, which may be a tmpfs (no immutable attribute there).
    private readonly string _data = Path.Combine(AppContext.BaseDirectory, "fault-data", Guid.NewGuid().ToString("N"));
    private readonly TestApp _app;
    private readonly List<string> _locked = [];

    public ReadOnlyFileTests()
    {
        Directory.CreateDirectory(_data);
        _app = new TestApp { Settings = { ["Sipas:DataDirectory"] = _data } };
        _ = _app.Demo;
    }

    private string DatabasePath => Path.Combine(_data, "sipas.db");

    [Fact]
    public async Task A_database_that_turns_read_only_refuses_writes_cleanly_fails_healthz_and_recovers()
    {
        var tokens = (await SlipApi.IssueAsync(_app, 60)).Select(s => s.GetProperty("token").GetString()!).ToList();
        using var client = _app.NewClient();
        async Task<HttpResponseMessage> Submit(string token) => await client.PostAsJsonAsync("/api/v1/responses",
            new { token, answers = new Dictionary<string, int> { ["TC1"] = 5, ["KQ2"] = 4 }, comment = "Thủ tục nhanh gọn" });
        foreach (var token in tokens[..20]) Assert.Equal(HttpStatusCode.Created, (await Submit(token)).StatusCode);

        SetImmutable(true, DatabasePath, DatabasePath + "-wal");
        var refusals = new List<HttpResponseMessage>();
        foreach (var token in tokens[20..40]) refusals.Add(await Submit(token));
        var page = await client.PostAsync("/s/" + tokens[40], new FormUrlEncodedContent([new("TC1", "4"), new("comment", "Cán bộ nhiệt tình")]));
        var pageHtml = await page.Content.ReadAsStringAsync();
        var unhealthy = await client.GetAsync("/healthz");
        var health = await unhealthy.Content.ReadFromJsonAsync<JsonElement>();

        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.Equal("application/problem+json", refusals[0].Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refusals[0].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);  // the citizen's page keeps the answers and says to retry
        Assert.Contains("Cán bộ nhiệt tình", pageHtml);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("storage", health.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(20, StoredFile.Responses(DatabasePath));

        SetImmutable(false, [.. _locked]);
        var healthy = await client.GetAsync("/healthz");
        Assert.True(healthy.StatusCode == HttpStatusCode.OK, await healthy.Content.ReadAsStringAsync() + "\n" + _app.Logs);
        foreach (var token in tokens[20..]) Assert.Equal(HttpStatusCode.Created, (await Submit(token)).StatusCode);
        Assert.Equal(60, StoredFile.Responses(DatabasePath));
        StoredFile.AssertSound(DatabasePath);
    }

    /// <summary>chattr needs CAP_LINUX_IMMUTABLE: root, or passwordless sudo as tests/run.sh already uses for apt-get.</summary>
    private void SetImmutable(bool on, params string[] paths)
    {
        var root = Environment.UserName == "root";
        var info = new ProcessStartInfo(root ? "chattr" : "sudo") { RedirectStandardError = true, UseShellExecute = false };
        if (!root) foreach (var arg in new[] { "-n", "chattr" }) info.ArgumentList.Add(arg);
        info.ArgumentList.Add(on ? "+i" : "-i");
        foreach (var path in paths) info.ArgumentList.Add(path);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {(on ? "+i" : "-i")} failed ({error.Trim()}): this test needs root or passwordless sudo");
        if (on) _locked.AddRange(paths);
        else _locked.Clear();
    }

    public void Dispose()
    {
        if (_locked.Count > 0) SetImmutable(false, [.. _locked]);
        _app.Dispose();
        TempFolder.Delete(_data);
    }
}
