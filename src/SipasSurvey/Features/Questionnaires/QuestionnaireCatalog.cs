using System.Collections.Concurrent;
using Dapper;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Infrastructure.Database;

namespace SipasSurvey.Features.Questionnaires;

public sealed record StoredVersion(long VersionId, string Status, QuestionnaireDefinition Definition);

/// <summary>
/// Parsed questionnaire versions, kept in memory: a published version never changes, so the form
/// and reports read it once. Drafts are re-read when their checksum changes.
/// </summary>
public sealed class QuestionnaireCatalog(IDatabase database)
{
    private readonly ConcurrentDictionary<long, (string Checksum, StoredVersion Version)> _byId = new();

    // Reports look labels up on every request: a snapshot array, replaced when a version is (re)read,
    // instead of enumerating the dictionary (which takes all its locks).
    private volatile StoredVersion[] _loaded = [];

    public StoredVersion? Get(long versionId)
    {
        if (_byId.TryGetValue(versionId, out var cached) && cached.Version.Status == "published") return cached.Version;
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<(long Id, string Definition, string Checksum, string Status)?>(
            "SELECT id, definition, checksum, status FROM questionnaire_versions WHERE id = @Id", new { Id = versionId });
        if (row is null) return null;
        if (cached.Checksum == row.Value.Checksum && cached.Version.Status == row.Value.Status) return cached.Version;
        var parsed = QuestionnaireParser.Parse(row.Value.Definition, $"questionnaire_versions#{versionId}");
        if (!parsed.Succeeded)
            throw new InvalidOperationException($"Stored questionnaire version {versionId} no longer parses: {parsed.Problems[0]}");
        var version = new StoredVersion(row.Value.Id, row.Value.Status, parsed.Definition!);
        _byId[versionId] = (row.Value.Checksum, version);
        _loaded = _byId.Values.Select(v => v.Version).OrderBy(v => v.VersionId).ToArray();
        return version;
    }

    /// <summary>The versions read so far (no database access): labels for reports about them.</summary>
    public IReadOnlyList<StoredVersion> Loaded() => _loaded;

    public IReadOnlyList<(long VersionId, string Key, string Status)> List()
    {
        using var connection = database.Open();
        return connection.Query<(long, string, string)>(
            "SELECT id, questionnaire_id || '@' || version, status FROM questionnaire_versions ORDER BY questionnaire_id, version").ToList();
    }

    public long? FindVersionId(string questionnaireId, int version)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<long?>(
            "SELECT id FROM questionnaire_versions WHERE questionnaire_id = @questionnaireId AND version = @version",
            new { questionnaireId, version });
    }
}
