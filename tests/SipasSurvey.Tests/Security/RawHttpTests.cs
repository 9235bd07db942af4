using System.Net.Sockets;
using System.Text;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Security;

/// <summary>
/// Bytes no well-behaved client sends, straight onto the real Kestrel socket: NULs, broken
/// encodings, oversized bodies and headers. Each gets a 4xx and the service keeps serving.
/// </summary>
public sealed class RawHttpTests : IDisposable
{
    private readonly LiveApp _app = new();

    private async Task<(int Status, string Head, string Body)> SendRawAsync(byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_app.BaseAddress.Host, _app.BaseAddress.Port);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server may answer and close before reading an oversized request to its end.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
                var text = Encoding.UTF8.GetString(buffer.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0) continue;
                var length = System.Text.RegularExpressions.Regex.Match(text[..end], @"(?i)content-length:\s*(\d+)");
                if (!length.Success || buffer.Length >= end + 4 + int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) break;
            }
        }
        catch (IOException) { }
        catch (OperationCanceledException) { }
        var response = Encoding.UTF8.GetString(buffer.ToArray());
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? response : response[..split];
        var status = head.Length >= 12 ? int.Parse(head.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, head, split < 0 ? "" : response[(split + 4)..]);
    }

    private static byte[] Request(string head, byte[]? body = null) =>
        [.. Encoding.Latin1.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"), .. body ?? []];

    public static TheoryData<string, string, byte[]?, int> Cases()
    {
        var bigJson = Encoding.UTF8.GetBytes("{\"token\":\"x\",\"comment\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");
        return new()
        {
            { "NUL in the path", "GET /s/abc\0def HTTP/1.1\nHost: x\nConnection: close\n", null, 400 },
            { "NUL in a header", "GET /healthz HTTP/1.1\nHost: x\nX-Test: a\0b\nConnection: close\n", null, 400 },
            { "broken UTF-8 in the path", "GET /s/%C3%28%FF HTTP/1.1\nHost: x\nAccept: text/html\nConnection: close\n", null, 404 },
            { "a header of 64 KB", "GET /healthz HTTP/1.1\nHost: x\nX-Big: " + new string('a', 64 * 1024) + "\nConnection: close\n", null, 431 },
            { "a 2 MB submission", $"POST /api/v1/responses HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: {bigJson.Length}\nConnection: close\n", bigJson, 413 },
            { "invalid UTF-8 JSON", "POST /api/v1/responses HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 11\nConnection: close\n", [0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D], 400 },
            { "a NUL in a form value", "POST /ma HTTP/1.1\nHost: x\nContent-Type: application/x-www-form-urlencoded\nAccept: text/html\nContent-Length: 8\nConnection: close\n", "code=%00"u8.ToArray(), 400 },
            { "a request line of garbage", "\u0001\u0002GARBAGE\u00FF / HTTP/9.9\n", null, 400 },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_bytes_get_a_4xx_and_the_service_keeps_serving(string what, string head, byte[]? body, int expected)
    {
        var (status, responseHead, responseBody) = await SendRawAsync(Request(head, body));
        var health = await SendRawAsync(Request("GET /healthz HTTP/1.1\nHost: x\nConnection: close\n"));

        Assert.True(status == expected, $"{what}: {status}\n{responseHead}\n{responseBody}");
        if (responseBody.Length > 0 && status != 431)
            Assert.Matches("(?i)content-type: (application/problem\\+json|text/html)", responseHead);
        Assert.Equal(200, health.Status);
    }

    public void Dispose() => _app.Dispose();
}
