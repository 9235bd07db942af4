using System.IO.Compression;
using System.Net;
using System.Text;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Features.Survey;

public sealed class FormPageTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public FormPageTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    [Fact]
    public async Task The_form_is_gzipped_for_phones_that_accept_it_and_never_names_the_slip()
    {
        var first = await SlipApi.IssueTokenAsync(_app);
        var second = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/s/" + first);
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var zipped = await client.SendAsync(request);
        var compressed = await zipped.Content.ReadAsByteArrayAsync();
        await using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        var unzipped = await text.ReadToEndAsync();
        var plainFirst = await client.GetStringAsync("/s/" + first);
        var plainSecond = await client.GetStringAsync("/s/" + second);

        Assert.Equal(HttpStatusCode.OK, zipped.StatusCode);
        Assert.Equal("gzip", zipped.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", zipped.Headers.Vary);
        Assert.True(compressed.Length < Encoding.UTF8.GetByteCount(plainFirst) / 3, $"{compressed.Length} bytes gzipped");
        Assert.Equal(plainFirst, unzipped);
        Assert.Equal(plainFirst, plainSecond);
        Assert.DoesNotContain(first, plainFirst);
        Assert.Contains("Phường Hoàn Kiếm", unzipped);
    }
}
