using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Tests.Support;
using Import = SipasSurvey.Features.Questionnaires.Import;

namespace SipasSurvey.Tests.Features.Questionnaires;

public sealed class ImportTests : IClassFixture<TestApp>
{
    private readonly TestApp _app;

    public ImportTests(TestApp app) => _app = app;

    private static string Sample(string name) =>
        File.ReadAllText(Path.Combine(TempFolder.Samples, "questionnaires", name), Encoding.UTF8);

    [Theory]
    [InlineData("sipas-2023.json", "sipas-2023", 5, 19)]
    [InlineData("hn-mau-02.json", "hn-mau-02", 3, 9)]
    public void Sample_questionnaires_load_with_their_stable_ids(string file, string id, int components, int items)
    {
        var result = QuestionnaireParser.Parse(Sample(file), file);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(id, result.Definition!.Id);
        Assert.Equal(components, result.Definition.Components.Count);
        Assert.Equal(items, result.Definition.Items.Count);
        Assert.Equal([5, 4, 3, 2, 1], result.Definition.Scale.Select(p => p.Value));
        Assert.Equal(["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng"], result.Definition.Scale.Select(p => p.Label.Vi));
        Assert.All(result.Definition.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Text.En)));
    }

    [Fact]
    public void Sipas_sample_matches_the_published_wording_item_by_item()
    {
        var definition = QuestionnaireParser.Parse(Sample("sipas-2023.json"), "sipas-2023.json").Definition!;

        Assert.Equal(["TIEP_CAN", "THU_TUC", "CONG_CHUC", "KET_QUA", "PHAN_ANH"], definition.Components.Select(c => c.Id));
        Assert.Equal(PublishedWording.Sipas, definition.Items.Select(i => (i.ComponentId, i.Id, i.Text.Vi)).ToArray());
        Assert.All(definition.Items, i => Assert.True(i.Text.Vi.IsNormalized(NormalizationForm.FormC)));
    }

    [Fact]
    public void Hanoi_form_02_sample_matches_the_published_wording_item_by_item()
    {
        var definition = QuestionnaireParser.Parse(Sample("hn-mau-02.json"), "hn-mau-02.json").Definition!;

        Assert.Equal(["CONG_CHUC", "KET_QUA", "PHAN_ANH"], definition.Components.Select(c => c.Id));
        Assert.Equal(PublishedWording.HanoiForm02, definition.Items.Select(i => (i.ComponentId, i.Id, i.Text.Vi)).ToArray());
        Assert.True(definition.FieldQuestion!.Required);
        Assert.Equal("Lĩnh vực/thủ tục hành chính đã giải quyết", definition.FieldQuestion.Label.Vi);
    }

    public static TheoryData<string, Func<JsonObject, JsonNode?>, string, string> BadDefinitions => new()
    {
        { "duplicate item id", d => SetItemId(d, 1, "TC1"), "$.items[1].id", "duplicate item id 'TC1' (first at $.items[0])" },
        { "empty label", d => { d["items"]![2]!["text"]!["vi"] = "  "; return d; }, "$.items[2].text.vi", "empty" },
        { "missing English", d => { d["components"]![0]!["label"]!.AsObject().Remove("en"); return d; }, "$.components[0].label.en", "missing" },
        { "unknown component", d => { d["items"]![4]!["component"] = "THU_TUC_X"; return d; }, "$.items[4].component", "unknown component 'THU_TUC_X'" },
        { "scale mismatch (1-7)", d => { d["scale"]!["max"] = 7; return d; }, "$.scale", "scale mismatch" },
        { "scale label missing", d => { d["scale"]!["labels"]!.AsObject().Remove("3"); return d; }, "$.scale.labels", "no label for the value 3" },
        { "scale label out of range", d => { d["scale"]!["labels"]!["6"] = new JsonObject { ["vi"] = "x", ["en"] = "x" }; return d; }, "$.scale.labels.6", "scale mismatch" },
        { "duplicate component", d => { d["components"]![1]!["id"] = "TIEP_CAN"; return d; }, "$.components[1].id", "duplicate component id 'TIEP_CAN'" },
        { "version not a number", d => { d["version"] = "one"; return d; }, "$.version", "expected a whole number" },
        { "bad questionnaire id", d => { d["id"] = "SIPAS 2023"; return d; }, "$.id", "not a valid questionnaire id" },
        { "typo in a property name", d => { d["items"]![0]!.AsObject().Add("requird", true); return d; }, "$.items[0].requird", "unknown property 'requird'" },
        { "component without items", d => { ((JsonArray)d["components"]!).Add(new JsonObject { ["id"] = "EXTRA", ["label"] = new JsonObject { ["vi"] = "Khác", ["en"] = "Other" } }); return d; }, "$.components[5]", "component 'EXTRA' has no items" },
    };

    private static JsonObject SetItemId(JsonObject definition, int index, string id)
    {
        definition["items"]![index]!["id"] = id;
        return definition;
    }

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public void A_bad_definition_is_refused_with_the_json_path_and_nothing_is_written(
        string _, Func<JsonObject, JsonNode?> spoil, string path, string message)
    {
        var definition = JsonNode.Parse(Sample("sipas-2023.json"))!.AsObject();
        definition["id"] = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var json = spoil(definition)!.ToJsonString();
        var before = CountVersions();

        var result = QuestionnaireParser.Parse(json, "broken.json");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.File == "broken.json" && p.Location == path && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(before, CountVersions());
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_not_just_the_first()
    {
        var definition = JsonNode.Parse(Sample("hn-mau-02.json"))!.AsObject();
        definition["items"]![1]!["id"] = "CC1";
        definition["items"]![3]!["component"] = "NOPE";
        definition["title"]!["vi"] = "";

        var result = QuestionnaireParser.Parse(definition.ToJsonString(), "many.json");

        Assert.Equal(3, result.Problems.Count);
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_line()
    {
        var result = QuestionnaireParser.Parse("{\n  \"id\": \"x\",\n  \"version\": 1,,\n}", "syntax.json");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 3, column 16", problem.Location);
        Assert.StartsWith("not valid JSON", problem.Message);
    }

    [Fact]
    public void Canonical_form_ignores_formatting_so_a_reimport_is_unchanged()
    {
        var database = _app.Database;
        var definition = JsonNode.Parse(Sample("hn-mau-02.json"))!.AsObject();
        definition["id"] = "reformat-test";
        var now = DateTimeOffset.UtcNow;

        var first = Import.Data.Write(database, QuestionnaireParser.Parse(definition.ToJsonString(), "a.json").Definition!, publish: true, "a.json", now);
        var again = Import.Data.Write(database, QuestionnaireParser.Parse(definition.ToJsonString(new() { WriteIndented = true }), "b.json").Definition!, publish: true, "b.json", now);

        Assert.Equal(Import.ImportOutcome.Added, first.Outcome);
        Assert.Equal(Import.ImportOutcome.Unchanged, again.Outcome);
        Assert.Equal(first.VersionId, again.VersionId);
    }

    [Fact]
    public async Task Import_verb_refuses_a_bad_file_with_each_problem_and_exit_code_2()
    {
        var file = Path.Combine(_app.DataDirectory, "bad-questionnaire.json");
        var definition = JsonNode.Parse(Sample("sipas-2023.json"))!.AsObject();
        definition["id"] = "cli-bad";
        definition["items"]![5]!["id"] = "TC1";
        File.WriteAllText(file, definition.ToJsonString());
        var environment = new Dictionary<string, string> { ["Sipas__DataDirectory"] = _app.DataDirectory };
        _ = _app.Services;

        var (exitCode, _, error) = await AppProcess.RunAsync(environment, null, TimeSpan.FromSeconds(60), "import-questionnaire", file, "--publish");

        Assert.Equal(2, exitCode);
        Assert.Contains("bad-questionnaire.json: $.items[5].id: duplicate item id 'TC1' (first at $.items[0])", error);
        Assert.Contains("Nothing was imported", error);
        using var connection = _app.Database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM questionnaire_versions WHERE questionnaire_id = 'cli-bad'"));
    }

    private long CountVersions()
    {
        using var connection = _app.Services.GetRequiredService<SipasSurvey.Infrastructure.Database.IDatabase>().Open();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM questionnaire_versions");
    }
}
