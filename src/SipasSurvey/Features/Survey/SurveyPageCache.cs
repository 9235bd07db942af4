using System.IO.Compression;
using Microsoft.Extensions.Caching.Memory;
using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Features.Survey;

/// <summary>
/// Blank survey forms, rendered once per counter, questionnaire version and language and kept as
/// UTF-8 bytes plus a gzip copy: the phone on a weak connection downloads a few kilobytes instead of
/// twenty, and the server only looks up the slip. Bounded in memory; names are part of the key, so
/// a renamed counter or commune gets a fresh page.
/// </summary>
internal sealed class SurveyPageCache : IDisposable
{
    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = 48 * 1024 * 1024 });

    public sealed record Page(byte[] Html, byte[] Gzip);

    public Page Blank(SurveyContext survey, Language language)
    {
        var key = (survey.CounterId, survey.VersionId, language, survey.CommuneName, survey.CounterName,
            survey.Definition.FieldQuestion is null ? null : survey.SlipField, survey.Unverified, survey.Fields.Count);
        if (_pages.TryGetValue(key, out Page? page)) return page!;
        var html = System.Text.Encoding.UTF8.GetBytes(SurveyPage.Form(survey, language, FormValues.Empty, new Dictionary<string, string>()));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(html);
        page = new Page(html, compressed.ToArray());
        _pages.Set(key, page, new MemoryCacheEntryOptions { Size = html.Length + page.Gzip.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return page;
    }

    public void Dispose() => _pages.Dispose();
}
