using System.Text.Json;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Features.Questionnaires;

namespace SipasSurvey.Features.Reports.Export;

/// <summary>
/// Raw responses for analysts, one row each, read with an unbuffered reader and written as they
/// come. Item columns are named by version ("sipas-2023@1.TC1"): different versions never share a column.
/// </summary>
internal static class RawResponses
{
    private const string From =
        """
        FROM communes m
        JOIN responses r ON r.commune_code = m.code AND r.day BETWEEN @FromDay AND @ToDay
        JOIN slips s ON s.id = r.slip_id
        JOIN questionnaire_versions q ON q.id = r.questionnaire_version_id
        WHERE (@province IS NULL OR m.province_code = @province) AND (@commune IS NULL OR m.code = @commune)
        """;

    /// <summary>The raw responses as a file: one CSV, or XLSX sheets of at most a sheet's rows each.</summary>
    public static ExportFile File(IDatabase database, QuestionnaireCatalog catalog, string format, string? province, string? commune, Period period)
    {
        var table = Table(database, catalog, province, commune, period);
        var tables = format == "xlsx" ? TableWriters.Sheets(table, Count(database, province, commune, period)) : [table];
        var place = province ?? commune!;
        return new($"sipas-phan-hoi-{place}-{period.Label.Replace("..", "_", StringComparison.Ordinal)}", tables,
            province is not null ? $"province:{province}" : $"commune:{commune}", "responses", period.Label);
    }

    public static long Count(IDatabase database, string? province, string? commune, Period period)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT count(*)\n" + From, Parameters(province, commune, period));
    }

    public static ExportTable Table(IDatabase database, QuestionnaireCatalog catalog, string? province, string? commune, Period period)
    {
        IReadOnlyList<StoredVersion> versions;
        using (var connection = database.Open())
        {
            versions = connection.Query<long>(
                    """
                    SELECT DISTINCT s.questionnaire_version_id FROM communes m JOIN daily_stats s ON s.commune_code = m.code AND s.dimension = ''
                    WHERE (@province IS NULL OR m.province_code = @province) AND (@commune IS NULL OR m.code = @commune) AND s.day BETWEEN @FromDay AND @ToDay
                    ORDER BY 1
                    """, Parameters(province, commune, period))
                .Select(id => catalog.Get(id)!).ToList();
        }
        var header = new List<string>
        {
            "response_id", "submitted_at_utc", "day", "commune_code", "counter_id", "staff_id", "field", "procedure_code", "dossier_code",
            "questionnaire_version", "channel", "flags",
        };
        var itemColumns = new Dictionary<long, int>();
        foreach (var version in versions)
        {
            itemColumns[version.VersionId] = header.Count;
            header.AddRange(version.Definition.Items.Select(i => $"{version.Definition.Key}.{i.Id}"));
            if (version.Definition.Expectations is { } expectations)
                header.AddRange(expectations.Areas.Select(a => $"{version.Definition.Key}.x.{a.Id}"));
        }
        var demographics = versions.SelectMany(v => v.Definition.Demographics?.Questions.Select(q => q.Id) ?? []).Distinct().ToList();
        var demographicColumn = header.Count;
        header.AddRange(demographics.Select(d => "d." + d));
        header.Add("comment");
        var byId = versions.ToDictionary(v => v.VersionId);
        return new ExportTable("phan-hoi", header, Rows(database, province, commune, period, header.Count, byId, itemColumns, demographics, demographicColumn));
    }

    private static IEnumerable<object?[]> Rows(IDatabase database, string? province, string? commune, Period period, int width,
        Dictionary<long, StoredVersion> versions, Dictionary<long, int> itemColumns, List<string> demographics, int demographicColumn)
    {
        using var connection = database.Open();
        var rows = connection.Query<Row>(
            """
            SELECT r.id, r.submitted_at, r.day, r.commune_code, r.counter_id, r.staff_id, r.field, r.procedure_code, s.dossier_code,
                   r.questionnaire_version_id AS version_id, q.questionnaire_id || '@' || q.version AS version_key, r.channel, r.flags,
                   r.answers, r.expectations, r.demographics, r.comment
            """ + "\n" + From + " ORDER BY r.commune_code, r.day, r.id", Parameters(province, commune, period), buffered: false);
        foreach (var row in rows)
        {
            var values = new object?[width];
            values[0] = row.Id;
            values[1] = row.SubmittedAt;
            values[2] = row.Day;
            values[3] = row.CommuneCode;
            values[4] = row.CounterId;
            values[5] = row.StaffId;
            values[6] = row.Field;
            values[7] = row.ProcedureCode;
            values[8] = row.DossierCode;
            values[9] = row.VersionKey;
            values[10] = row.Channel;
            values[11] = row.Flags;
            if (versions.TryGetValue(row.VersionId, out var version))
            {
                var column = itemColumns[row.VersionId];
                for (var i = 0; i < row.Answers.Length && i < version.Definition.Items.Count; i++)
                    values[column + i] = row.Answers[i] == '0' ? null : row.Answers[i] - '0';
                if (row.Expectations is { } expectations)
                    for (var i = 0; i < expectations.Length; i++)
                        values[column + version.Definition.Items.Count + i] = expectations[i] == '0' ? null : expectations[i] - '0';
            }
            if (row.Demographics is { } json)
                foreach (var (question, option) in JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
                    if (demographics.IndexOf(question) is >= 0 and var index) values[demographicColumn + index] = option;
            values[width - 1] = row.Comment;
            yield return values;
        }
    }

    private static object Parameters(string? province, string? commune, Period period) =>
        new { province, commune, FromDay = period.FromKey, ToDay = period.ToKey };

    private sealed class Row
    {
        public long Id { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public string Day { get; init; } = "";
        public string CommuneCode { get; init; } = "";
        public long CounterId { get; init; }
        public long? StaffId { get; init; }
        public string? Field { get; init; }
        public string? ProcedureCode { get; init; }
        public string? DossierCode { get; init; }
        public long VersionId { get; init; }
        public string VersionKey { get; init; } = "";
        public string Channel { get; init; } = "";
        public long Flags { get; init; }
        public string Answers { get; init; } = "";
        public string? Expectations { get; init; }
        public string? Demographics { get; init; }
        public string? Comment { get; init; }
    }
}
