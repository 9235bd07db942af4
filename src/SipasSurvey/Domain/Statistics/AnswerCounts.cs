namespace SipasSurvey.Domain.Statistics;

/// <summary>
/// How many times each item of one questionnaire version got each answer 1–5: the payload of an
/// aggregate row (one row per commune, day, version… instead of one per item keeps writes to a few
/// per response). Cells are numbered item × 5 + (answer − 1). Most rows hold a handful of
/// responses, so only non-zero cells are stored, as LEB128 varint pairs (gap to previous cell,
/// count): one response of 19 items takes about 40 bytes instead of 380.
/// </summary>
internal static class AnswerCounts
{
    public const int Values = 5;

    /// <summary>Answers are one digit per item in version order; '0' means left blank.</summary>
    public static byte[] FromAnswers(ReadOnlySpan<char> answers)
    {
        var buffer = new List<byte>(answers.Length * 2);
        var previous = -1;
        for (var item = 0; item < answers.Length; item++)
        {
            var value = answers[item] - '0';
            if (value is < 1 or > Values) continue;
            var cell = item * Values + value - 1;
            WriteVarint(buffer, (ulong)(cell - previous));
            WriteVarint(buffer, 1);
            previous = cell;
        }
        return [.. buffer];
    }

    /// <summary>The cell-wise sum of two blobs: one linear merge of two sorted cell lists.</summary>
    public static byte[] Add(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var output = new byte[a.Length + b.Length + 10];
        int pa = 0, pb = 0, written = 0, previous = -1;
        int cellA = -1, cellB = -1;
        ulong countA = 0, countB = 0;
        var hasA = Next(a, ref pa, ref cellA, ref countA);
        var hasB = Next(b, ref pb, ref cellB, ref countB);
        while (hasA || hasB)
        {
            int cell;
            ulong count;
            if (hasA && (!hasB || cellA < cellB))
            {
                (cell, count) = (cellA, countA);
                hasA = Next(a, ref pa, ref cellA, ref countA);
            }
            else if (hasB && (!hasA || cellB < cellA))
            {
                (cell, count) = (cellB, countB);
                hasB = Next(b, ref pb, ref cellB, ref countB);
            }
            else
            {
                (cell, count) = (cellA, countA + countB);
                hasA = Next(a, ref pa, ref cellA, ref countA);
                hasB = Next(b, ref pb, ref cellB, ref countB);
            }
            if (count == 0) continue;
            if (written + 20 > output.Length) Array.Resize(ref output, output.Length * 2 + 20);
            written += WriteVarint(output.AsSpan(written), (ulong)(cell - previous));
            written += WriteVarint(output.AsSpan(written), count);
            previous = cell;
        }
        return output[..written];
    }

    private static bool Next(ReadOnlySpan<byte> blob, ref int position, ref int cell, ref ulong count)
    {
        if (position >= blob.Length) return false;
        cell += (int)ReadVarint(blob, ref position);
        count = ReadVarint(blob, ref position);
        return true;
    }

    private static int WriteVarint(Span<byte> buffer, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            buffer[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[i++] = (byte)value;
        return i;
    }

    /// <summary>The blob for dense totals [item, answer − 1]: the same bytes as adding the responses one by one.</summary>
    public static byte[] FromTotals(long[,] totals)
    {
        var buffer = new List<byte>();
        var previous = -1;
        for (var item = 0; item < totals.GetLength(0); item++)
            for (var value = 0; value < Math.Min(Values, totals.GetLength(1)); value++)
            {
                if (totals[item, value] <= 0) continue;
                var cell = item * Values + value;
                WriteVarint(buffer, (ulong)(cell - previous));
                WriteVarint(buffer, (ulong)totals[item, value]);
                previous = cell;
            }
        return [.. buffer];
    }

    /// <summary>Adds a blob into running totals [item, answer − 1]; cells beyond the totals are ignored.</summary>
    public static void AddInto(long[,] totals, ReadOnlySpan<byte> blob)
    {
        var items = totals.GetLength(0);
        var position = 0;
        var cell = -1;
        while (position < blob.Length)
        {
            cell += (int)ReadVarint(blob, ref position);
            var count = (long)ReadVarint(blob, ref position);
            var item = cell / Values;
            if (item < items) totals[item, cell % Values] += count;
        }
    }

    public static List<(int Cell, long Count)> Read(ReadOnlySpan<byte> blob)
    {
        var cells = new List<(int, long)>();
        var position = 0;
        var cell = -1;
        while (position < blob.Length)
        {
            cell += (int)ReadVarint(blob, ref position);
            cells.Add((cell, (long)ReadVarint(blob, ref position)));
        }
        return cells;
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> blob, ref int position)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            if (position >= blob.Length) throw new FormatException("Truncated answer-count blob.");
            var b = blob[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
            shift += 7;
            if (shift > 63) throw new FormatException("Malformed answer-count blob.");
        }
    }
}
