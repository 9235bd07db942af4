using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Features.Alerts;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Alerts;

/// <summary>A webhook receiver on a real socket that can be taken down (503) and brought back.</summary>
public sealed class FakeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public FakeReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            Interlocked.Increment(ref _requests);
            if (Down) return Results.StatusCode(503);
            Accepted.Enqueue((key, body, context.Request.Headers["X-Sipas-Signature"].ToString()));
            return Results.Ok();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
    }

    public string Url { get; }

    private volatile bool _down;
    private int _requests;

    public bool Down { get => _down; set => _down = value; }

    public int Requests => Volatile.Read(ref _requests);

    public ConcurrentQueue<(string Key, string Body, string Signature)> Accepted { get; } = new();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class AlertTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "test-secret-not-for-production";
    private readonly FakeReceiver _receiver = new();
    private TestApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new TestApp();
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["WebhookUrl"] = _receiver.Url, ["Secret"] = Secret, ["Retries"] = "1", ["RetryDelay"] = "00:00:00.05",
                     ["FirstBackoff"] = "00:00:00.2", ["MaxBackoff"] = "00:00:01", ["BreakDuration"] = "00:00:01",
                     ["PollInterval"] = "00:00:00.2", ["Timeout"] = "00:00:02",
                 })
            _app.Settings["Sipas:Alerts:" + key] = value;
        _ = _app.Demo;
        return Task.CompletedTask;
    }

    private (long Total, long Delivered, long MaxAttempts) Outbox()
    {
        using var connection = _app.Database.Open();
        return connection.QuerySingle<(long, long, long)>("SELECT count(*), count(delivered_at), coalesce(max(attempts), 0) FROM alert_outbox");
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_every_low_score_alert_once_when_it_returns_and_is_not_hammered_meanwhile()
    {
        _receiver.Down = true;
        var tokens = (await SlipApi.IssueAsync(_app, 7)).Select(s => s.GetProperty("token").GetString()!).ToList();
        using var citizen = _app.NewClient();
        for (var i = 0; i < 7; i++)
        {
            var low = i < 4;
            var answers = new Dictionary<string, int> { ["TC1"] = low ? 1 : 5, ["TC2"] = low ? 2 : 4, ["CC1"] = 5 };
            Assert.Equal(HttpStatusCode.Created, (await citizen.PostAsJsonAsync("/api/v1/responses",
                new { token = tokens[i], answers, comment = low ? "Phải chờ quá lâu, cán bộ không hướng dẫn." : null })).StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var whileDown = Outbox();
        var requestsWhileDown = _receiver.Requests;
        _receiver.Down = false;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Outbox().Delivered < 4 && DateTime.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(500);   // anything still in flight would show up as a repeat

        Assert.Equal(4, whileDown.Total);                  // the three good responses raise nothing
        Assert.Equal(0, whileDown.Delivered);
        Assert.True(whileDown.MaxAttempts >= 1);
        // 4 alerts × (1 try + 1 retry) would be 8 at once; the breaker opens after 4 failures and lets one probe through per second.
        Assert.InRange(requestsWhileDown, 1, 16);
        Assert.Equal(4, Outbox().Delivered);
        var accepted = _receiver.Accepted.ToList();
        Assert.Equal(4, accepted.Count);
        Assert.Equal(4, accepted.Select(a => a.Key).Distinct().Count());
        foreach (var (_, body, signature) in accepted)
        {
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))), signature);
            using var alert = JsonDocument.Parse(body);
            var root = alert.RootElement;
            Assert.Equal("00070", root.GetProperty("communeCode").GetString());
            Assert.Equal("Phường Hoàn Kiếm", root.GetProperty("communeName").GetString());
            Assert.Equal("TIEP_CAN", root.GetProperty("lowComponents")[0].GetProperty("id").GetString());
            Assert.Equal(1.5, root.GetProperty("lowComponents")[0].GetProperty("meanScore").GetDouble());
            Assert.Contains(root.GetProperty("leaders").EnumerateArray(), l => l.GetProperty("username").GetString() == "lanhdao.hoankiem");
            Assert.Equal("Phải chờ quá lâu, cán bộ không hướng dẫn.", root.GetProperty("comment").GetString());
        }
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _receiver.DisposeAsync();
    }

    public void Dispose() => _app?.Dispose();
}

public sealed class AlertBackoffTests
{
    [Fact]
    public void An_hour_of_downtime_costs_each_alert_a_handful_of_attempts_and_never_drops_it()
    {
        var options = new AlertOptions();
        foreach (var jitter in new[] { 0.0, 0.5, 1.0 })
        {
            var elapsed = TimeSpan.Zero;
            var attempts = 0;
            while (elapsed < TimeSpan.FromHours(1))
            {
                attempts++;
                elapsed += AlertDispatcher.Backoff(options, attempts, jitter);
            }
            Assert.InRange(attempts, 5, 16);
        }
        Assert.Equal(options.MaxBackoff * 1.2, AlertDispatcher.Backoff(options, 1000, 1.0));   // still scheduled after a thousand failures
        Assert.True(AlertDispatcher.Backoff(options, 1, 0.0) >= TimeSpan.FromSeconds(24));
    }
}
