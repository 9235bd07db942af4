using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SipasSurvey.Domain.Statistics;

namespace SipasSurvey.Tests.Domain;

public sealed class AnswerCountsTests
{
    private static Gen<string> Answers(int items) => Gen.ArrayOf(Gen.Elements('0', '1', '2', '3', '4', '5'), items).Select(a => new string(a));

    [Property(MaxTest = 200)]
    public Property Summing_blobs_equals_counting_the_answers_directly() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Answers(19)).Select(l => l.ToList())), responses =>
        {
            var blob = Array.Empty<byte>();
            foreach (var answers in responses) blob = AnswerCounts.Add(blob, AnswerCounts.FromAnswers(answers));
            var totals = new long[19, 5];
            AnswerCounts.AddInto(totals, blob);
            for (var item = 0; item < 19; item++)
                for (var value = 1; value <= 5; value++)
                    Assert.Equal(responses.Count(r => r[item] - '0' == value), totals[item, value - 1]);
        });

    [Property(MaxTest = 200)]
    public Property Encoding_dense_totals_gives_the_same_bytes_as_adding_one_by_one() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Answers(19)).Select(l => l.ToList())), responses =>
        {
            var blob = Array.Empty<byte>();
            var totals = new long[19, 5];
            foreach (var answers in responses)
            {
                blob = AnswerCounts.Add(blob, AnswerCounts.FromAnswers(answers));
                for (var item = 0; item < 19; item++)
                    if (answers[item] != '0') totals[item, answers[item] - '1']++;
            }
            Assert.Equal(blob, AnswerCounts.FromTotals(totals));
        });

    [Fact]
    public void One_response_takes_about_two_bytes_per_answered_item()
    {
        var blob = AnswerCounts.FromAnswers("5544332211554433221");

        Assert.Equal(38, blob.Length);
        Assert.Empty(AnswerCounts.FromAnswers("0000"));
    }

    [Fact]
    public void Large_counts_survive_the_varint_encoding()
    {
        var blob = Array.Empty<byte>();
        var one = AnswerCounts.FromAnswers("5");
        for (var i = 0; i < 20; i++) one = AnswerCounts.Add(one, one);   // 2^20 answers of 5
        blob = AnswerCounts.Add(blob, one);
        var totals = new long[1, 5];

        AnswerCounts.AddInto(totals, blob);

        Assert.Equal(1 << 20, totals[0, 4]);
        Assert.Throws<FormatException>(() => AnswerCounts.Read([0x80]));
    }
}
