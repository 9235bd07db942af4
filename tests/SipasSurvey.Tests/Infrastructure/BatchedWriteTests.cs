using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Slips;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Writes;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Infrastructure;

/// <summary>
/// The answers of one writer batch are inserted together (PostgreSQL: one statement with the rows as
/// arrays; SQLite: one prepared insert each) with exactly the rules of a single insert: one response per
/// slip, none for a revoked slip, every result back to its own caller, facts for the aggregates.
/// </summary>
public sealed class BatchedWriteTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public BatchedWriteTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    private static readonly int[] Good = [0, 1, 3];

    private DatabaseWriter Writer => _app.Services.GetRequiredService<DatabaseWriter>();

    private async Task<SlipView[]> SlipsAsync(int count)
    {
        var reads = _app.Services.GetRequiredService<ReadPool>();
        var issued = await SlipApi.IssueAsync(_app, count);
        return issued.Select(s => SlipLookup.ByToken(reads, s.GetProperty("token").GetString())!).ToArray();
    }

    private static ResponseRow Row(SlipView slip, string answers, string? key = null, string channel = "slip")
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new ResponseRow(slip, channel, new ValidResponse(answers, null, new Dictionary<string, string>(), "ý kiến " + answers, null), "api", key,
            new SipasSurvey.Web.ClientSignals(null, null, "Test"), now, SipasSurvey.Domain.Time.VietnamTime.DayKey(now), slip.Field, 0);
    }

    private long TodaysResponses(string commune) => _app.Scalar<long>(
        "SELECT coalesce(sum(responses), 0) FROM daily_stats WHERE commune_code = @commune AND dimension = '' AND day = @day",
        new { commune, day = SipasSurvey.Domain.Time.VietnamTime.DayKey(DateTimeOffset.UtcNow) });

    [Fact]
    public async Task Rows_written_together_keep_one_response_per_slip_and_refuse_a_revoked_slip()
    {
        var slips = await SlipsAsync(5);
        _app.Scalar<long>("UPDATE slips SET revoked_at = 1 WHERE id = @id RETURNING id", new { id = slips[3].Id });
        Writer.RunNow(c => Data.Store(c, Row(slips[4], "1111")));   // answered before, in another transaction
        var before = TodaysResponses(slips[0].CommuneCode);

        var results = Writer.RunNow(c => ResponseStore.Instance.Write(c,
            [Row(slips[0], "4445", "a"), Row(slips[1], "5555", "b"), Row(slips[0], "3333", "c"), Row(slips[3], "4444", "d"), Row(slips[4], "2222", "e"), Row(slips[2], "4321", "f", "kiosk")]));

        var ids = _app.Query<(long Slip, long Id, string Answers, string Channel, string? Key)>(
            "SELECT slip_id, id, answers, channel, idempotency_key FROM responses WHERE slip_id IN (@a, @b, @c, @d, @e) ORDER BY slip_id",
            new { a = slips[0].Id, b = slips[1].Id, c = slips[2].Id, d = slips[3].Id, e = slips[4].Id }).ToDictionary(r => r.Slip);
        Assert.Equal(new StoreResult.Stored(ids[slips[0].Id].Id), results[0]);
        Assert.Equal(new StoreResult.Stored(ids[slips[1].Id].Id), results[1]);
        // The second answer to the same slip in the same batch finds the first, as if it had come a moment later.
        var meanwhile = Assert.IsType<StoreResult.AnsweredMeanwhile>(results[2]);
        Assert.Equal((ids[slips[0].Id].Id, "a"), (meanwhile.Earlier!.Id, meanwhile.Earlier.Key));
        Assert.IsType<StoreResult.Revoked>(results[3]);
        Assert.Equal(ids[slips[4].Id].Id, Assert.IsType<StoreResult.AnsweredMeanwhile>(results[4]).Earlier!.Id);
        Assert.Equal(new StoreResult.Stored(ids[slips[2].Id].Id), results[5]);
        Assert.Equal(("4445", "slip"), (ids[slips[0].Id].Answers, ids[slips[0].Id].Channel));
        Assert.Equal(("4321", "kiosk"), (ids[slips[2].Id].Answers, ids[slips[2].Id].Channel));
        Assert.Equal("1111", ids[slips[4].Id].Answers);
        Assert.DoesNotContain(slips[3].Id, ids.Keys);
        // The stored rows' facts reached the aggregates in the same transaction: three answers more today.
        Assert.Equal(before + 3, TodaysResponses(slips[0].CommuneCode));
        Assert.Equal("ý kiến 5555", _app.Scalar<string>("SELECT comment FROM responses WHERE slip_id = @id", new { id = slips[1].Id }));
    }

    [Fact]
    public async Task Queued_answers_are_written_as_one_group_and_one_that_fails_on_its_own_data_is_refused_alone()
    {
        var slips = await SlipsAsync(4);
        using var gate = new ManualResetEventSlim();
        // Hold the writer so the next answers queue up and meet in one batch.
        var holding = Writer.RunAsync(_ => gate.Wait(TimeSpan.FromSeconds(10)));
        await Task.Delay(100);
        var good = Good.Select(i => Writer.RunBatchedAsync(ResponseStore.Instance, Row(slips[i], "4545", "k" + i))).ToList();
        // Answers out of the stored alphabet break the table's CHECK: that row alone is refused.
        var broken = Writer.RunBatchedAsync(ResponseStore.Instance, Row(slips[2], "45x5"));
        gate.Set();
        Assert.True(await holding);

        var results = await Task.WhenAll(good);
        await Assert.ThrowsAnyAsync<Exception>(() => broken);
        var stored = _app.Query<(long Slip, long Id, string? Key)>("SELECT slip_id, id, idempotency_key FROM responses WHERE slip_id IN (@a, @b, @c, @d)",
            new { a = slips[0].Id, b = slips[1].Id, c = slips[2].Id, d = slips[3].Id }).ToDictionary(r => r.Slip);
        Assert.Equal(3, stored.Count);
        Assert.DoesNotContain(slips[2].Id, stored.Keys);
        // Each caller got its own row back.
        Assert.Equal([stored[slips[0].Id].Id, stored[slips[1].Id].Id, stored[slips[3].Id].Id],
            results.Select(r => Assert.IsType<StoreResult.Stored>(r).ResponseId).ToArray());
        Assert.Equal("k0,k1,k3", string.Join(',', Good.Select(i => stored[slips[i].Id].Key)));
    }
}
