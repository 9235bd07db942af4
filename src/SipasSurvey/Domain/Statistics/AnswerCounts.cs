using System.Buffers.Binary;

namespace SipasSurvey.Domain.Statistics;

/// <summary>
/// How many times each item of one questionnaire version got each answer 1–5, packed as
/// little-endian int32 values [item0: n1..n5, item1: n1..n5, …]. It is the aggregate row's payload:
/// one row per (commune, day, version, …) instead of one per item keeps writes to a few per response.
/// </summary>
public static class AnswerCounts
{
    public const int Values = 5;

    /// <summary>Answers are one digit per item in version order; '0' means left blank.</summary>
    public static byte[] FromAnswers(ReadOnlySpan<char> answers)
    {
        var blob = new byte[answers.Length * Values * sizeof(int)];
        for (var item = 0; item < answers.Length; item++)
        {
            var value = answers[item] - '0';
            if (value is >= 1 and <= Values) BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(Offset(item, value)), 1);
        }
        return blob;
    }

    /// <summary>Element-wise sum; a shorter blob counts as zeros.</summary>
    public static byte[] Add(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var result = new byte[Math.Max(a.Length, b.Length)];
        for (var offset = 0; offset + sizeof(int) <= result.Length; offset += sizeof(int))
        {
            var x = offset + sizeof(int) <= a.Length ? BinaryPrimitives.ReadInt32LittleEndian(a[offset..]) : 0;
            var y = offset + sizeof(int) <= b.Length ? BinaryPrimitives.ReadInt32LittleEndian(b[offset..]) : 0;
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(offset), x + y);
        }
        return result;
    }

    /// <summary>Adds a blob into running totals [item, value-1].</summary>
    public static void AddInto(long[,] totals, ReadOnlySpan<byte> blob)
    {
        var items = Math.Min(totals.GetLength(0), blob.Length / (Values * sizeof(int)));
        for (var item = 0; item < items; item++)
            for (var value = 1; value <= Values; value++)
                totals[item, value - 1] += BinaryPrimitives.ReadInt32LittleEndian(blob[Offset(item, value)..]);
    }

    private static int Offset(int item, int value) => (item * Values + value - 1) * sizeof(int);
}
