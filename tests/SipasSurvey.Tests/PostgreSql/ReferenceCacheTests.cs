using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Security;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.PostgreSql;

/// <summary>
/// API keys, provinces, communes and counters are kept in each app server's memory on PostgreSQL
/// (ReferenceCache): a change committed anywhere (another server, an operator's SQL) must reach every server
/// through the database's notifications, and nothing may be kept while a server is not listening.
/// </summary>
[Trait("Engine", "postgresql")]
public sealed class ReferenceCacheTests : IDisposable
{
    private static readonly TimeSpan Heard = TimeSpan.FromSeconds(3);
    private readonly TestApp _a;
    private readonly TestApp _b;

    public ReferenceCacheTests()
    {
        if (!TestEngine.IsPostgreSql) throw new InvalidOperationException("Run with SIPAS_TEST_ENGINE=postgresql (tests/run.sh does).");
        _a = new TestApp();
        _b = new TestApp { SharesDatabaseWith = _a };
    }

    [Fact]
    public async Task A_key_revoked_on_one_server_is_refused_there_at_once_and_on_the_other_as_soon_as_the_change_is_heard()
    {
        var state = _a.Demo;
        var path = $"/api/v1/reports/communes/{state.CommuneCode}";
        using var onA = People.WithKey(_a, People.ReportsKey(_a));
        using var onB = People.WithKey(_b, People.ReportsKey(_a));
        await WaitUntilKeeping(_a, _b);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(path)).StatusCode);
        var hitsBefore = Cache(_b).Hits;
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(path)).StatusCode);
        Assert.True(Cache(_b).Hits >= hitsBefore + 2, "the second request on B found the key and the commune in memory");
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync(path)).StatusCode);

        using var admin = await People.AdminAsync(_a);
        var id = _a.Scalar<long>("SELECT id FROM api_keys WHERE secret_hash = @hash", new { hash = Secrets.Sha256(People.ReportsKey(_a)) });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/admin/api-keys/{id}/revoke", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.GetAsync(path)).StatusCode);
        var refusedOnB = await TimeUntil(async () => (await onB.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized);
        Assert.True(refusedOnB < Heard, $"B still accepted the revoked key after {refusedOnB.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Changes_made_in_the_database_by_no_app_server_reach_both_servers()
    {
        var state = _a.Demo;
        using var slipsOnA = People.WithKey(_a, People.SlipsKey(_a));
        using var slipsOnB = People.WithKey(_b, People.SlipsKey(_a));
        using var reportsOnB = People.WithKey(_b, People.ReportsKey(_a));
        await WaitUntilKeeping(_a, _b);
        var issue = new { counterId = state.CounterId, count = 1 };
        Assert.Equal(HttpStatusCode.Created, (await slipsOnA.PostAsJsonAsync("/api/v1/slips", issue)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await slipsOnB.PostAsJsonAsync("/api/v1/slips", issue)).StatusCode);
        var province = _a.Scalar<string>("SELECT province_code FROM communes WHERE code = @code", new { code = state.CommuneCode });
        var ranking = $"/api/v1/reports/provinces/{province}/ranking";
        Assert.Equal(HttpStatusCode.OK, (await reportsOnB.GetAsync(ranking)).StatusCode);

        // An operator's SQL, as psql would run it: a counter switched off, a province renamed.
        _a.Scalar<long>("UPDATE counters SET active = 0 WHERE id = @id RETURNING id", new { id = state.CounterId });
        _a.Scalar<string>("UPDATE provinces SET name = 'Tỉnh Đổi Tên' WHERE code = @code RETURNING code", new { code = province });

        foreach (var client in new[] { slipsOnA, slipsOnB })
        {
            HttpResponseMessage? last = null;
            var refused = await TimeUntil(async () => (last = await client.PostAsJsonAsync("/api/v1/slips", issue)).StatusCode != HttpStatusCode.Created);
            Assert.True(refused < Heard, $"a deactivated counter still issued slips after {refused.TotalMilliseconds:0} ms");
            // A key serves active counters only: the key's kept counters were read again, without this one.
            Assert.Equal(HttpStatusCode.NotFound, last!.StatusCode);
            Assert.Contains("not assigned to you", await last.Content.ReadAsStringAsync());
        }
        var renamed = await TimeUntil(async () => (await reportsOnB.GetStringAsync(ranking)).Contains("Tỉnh Đổi Tên"));
        Assert.True(renamed < Heard, $"B still named the old province after {renamed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_server_whose_listening_connection_is_cut_keeps_nothing_until_it_listens_again()
    {
        var state = _a.Demo;
        var path = $"/api/v1/reports/communes/{state.CommuneCode}";
        using var onB = People.WithKey(_b, People.ReportsKey(_a));
        await WaitUntilKeeping(_a, _b);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(path)).StatusCode);

        // Both servers' listeners are cut, and the key is revoked while they may not hear it.
        var cut = _a.Scalar<long>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '% listener'");
        _a.Scalar<long>("UPDATE api_keys SET revoked_at = 1 WHERE secret_hash = @hash RETURNING id", new { hash = Secrets.Sha256(People.ReportsKey(_a)) });

        Assert.Equal(2, cut);
        var refused = await TimeUntil(async () => (await onB.GetAsync(path)).StatusCode == HttpStatusCode.Unauthorized);
        Assert.True(refused < Heard, $"B still accepted the revoked key after {refused.TotalMilliseconds:0} ms");
        // Both listen again by themselves (a second after the failure) and keep rows again.
        await WaitUntilKeeping(_a, _b);
        Assert.Equal(2L, _a.Scalar<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '% listener'"));
    }

    private static ReferenceCache Cache(TestApp app) => app.Services.GetRequiredService<ReferenceCache>();

    private static async Task WaitUntilKeeping(params TestApp[] apps)
    {
        var waited = await TimeUntil(() => Task.FromResult(apps.All(app => Cache(app).Keeping)), TimeSpan.FromSeconds(10));
        Assert.True(apps.All(app => Cache(app).Keeping), $"not listening after {waited.TotalSeconds:0.0} s");
    }

    private static async Task<TimeSpan> TimeUntil(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition() && clock.Elapsed < (limit ?? Heard * 2)) await Task.Delay(20);
        return clock.Elapsed;
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }
}
