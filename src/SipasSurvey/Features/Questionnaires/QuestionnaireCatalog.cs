using System.Collections.Concurrent;
using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Features.Questionnaires;

internal sealed record StoredVersion(long VersionId, string Status, QuestionnaireDefinition Definition);

/// <summary>
/// Parsed questionnaire versions, kept in memory: a published version never changes, so the form
/// and reports read it once. Drafts are re-read when their checksum changes.
/// </summary>
internal sealed class QuestionnaireCatalog(IDatabase database)
{
    private readonly ConcurrentDictionary<long, (string Checksum, StoredVersion Version)> _byId = new();

    // Reports look labels up on every request: a snapshot array, replaced when a version is (re)read,
    // instead of enumerating the dictionary (which takes all its locks).
    private volatile StoredVersion[] _loaded = [];

    public StoredVersion? Get(long versionId)
    {
        if (_byId.TryGetValue(versionId, out var cached) && cached.Version.Status == "published") return cached.Version;
        var row = Data.Version(database, versionId);
        if (row is null) return null;
        if (cached.Checksum == row.Checksum && cached.Version.Status == row.Status) return cached.Version;
        var parsed = QuestionnaireParser.Parse(row.Definition, $"questionnaire_versions#{versionId}");
        if (!parsed.Succeeded)
            throw new InvalidOperationException($"Stored questionnaire version {versionId} no longer parses: {parsed.Problems[0]}");
        var version = new StoredVersion(row.Id, row.Status, parsed.Definition!);
        _byId[versionId] = (row.Checksum, version);
        _loaded = _byId.Values.Select(v => v.Version).OrderBy(v => v.VersionId).ToArray();
        return version;
    }

    /// <summary>The versions read so far (no database access): labels for reports about them.</summary>
    public IReadOnlyList<StoredVersion> Loaded() => _loaded;

    public long? FindVersionId(string questionnaireId, int version) => Data.FindVersionId(database, questionnaireId, version);
}
