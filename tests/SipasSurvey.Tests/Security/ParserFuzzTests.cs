using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Features.Survey.Submit;
using SipasSurvey.Tests.Features.Slips;
using SipasSurvey.Tests.Support;

namespace SipasSurvey.Tests.Security;

/// <summary>Generated hostile input for the two parsers citizens reach: the survey form and the JSON submission.</summary>
public sealed class ParserFuzzTests : IClassFixture<TestApp>
{
    private static readonly QuestionnaireDefinition Sipas =
        QuestionnaireParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "questionnaires", "sipas-2023.json")), "sipas").Definition!;

    private static readonly string[] Fields = ["Hộ tịch", "Chứng thực", "Đất đai"];

    private readonly TestApp _app;

    public ParserFuzzTests(TestApp app)
    {
        _app = app;
        _ = app.Demo;
    }

    /// <summary>Strings a hostile client might send: item ids, digits, Unicode of every plane, controls, lone surrogates, markup, very long runs.</summary>
    private static Gen<string> Nasty() => Gen.OneOf(
        Gen.Elements("", " ", "1", "5", "6", "0", "-1", "4.5", "١", "５", "TC1", "CC5", "x.TG", "d.gender", "comment", "field",
            "<script>alert(1)</script>", "'); DROP TABLE responses;--", "\u0000", "\u202E", "\uD800", "\uDC00x", "e\u0301", "Hộ tịch", "Ho tich"),
        Gen.ArrayOf(Gen.Choose(0, 0x2FFFF).Select(c => c is >= 0xD800 and <= 0xDFFF ? "\uFFFD" : char.ConvertFromUtf32(c))).Select(parts => string.Concat(parts)),
        Gen.Choose(1000, 20000).Select(n => new string('ư', n)));

    private static Gen<(string Key, string Value)[]> FormFields() =>
        Gen.ArrayOf(Gen.Zip(Gen.OneOf(Nasty(), Gen.Elements(Sipas.Items.Select(i => i.Id).ToArray())), Nasty()).Select(t => (t.Item1, t.Item2)));

    [Property(MaxTest = 300)]
    public Property Any_form_is_either_a_valid_response_or_field_errors_never_an_exception() =>
        Prop.ForAll(Arb.From(FormFields()), fields =>
        {
            var form = new FormCollection(fields.GroupBy(f => f.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new StringValues(g.Select(f => f.Value).ToArray()), StringComparer.Ordinal));
            var values = FormEndpoint.Read(form);
            var (response, errors) = ResponseValidator.Validate(Sipas,
                new ResponseInput(values.Answers, values.Expectations, values.Demographics, values.Comment, values.Field), Language.Vi, Fields);

            Assert.True(response is null != (errors.Count == 0), "either a response or errors");
            if (response is null) return;
            Assert.Equal(Sipas.Items.Count, response.Answers.Length);
            Assert.All(response.Answers, c => Assert.InRange(c, '0', '5'));
            if (response.Comment is { } comment)
            {
                Assert.True(ResponseValidator.IsWellFormed(comment));
                Assert.DoesNotContain(comment, c => char.IsControl(c) && c is not ('\n' or '\t'));
                Assert.True(comment.IsNormalized(NormalizationForm.FormC));
                Assert.True(comment.Length <= (Sipas.Comment?.MaxLength ?? int.MaxValue));
            }
        });

    /// <summary>Random JSON documents, sometimes shaped like a submission, with hostile leaves.</summary>
    private static Gen<JsonNode?> Json(int depth) => depth <= 0
        ? Gen.OneOf(Nasty().Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Choose(-10, 10).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(1e308), JsonValue.Create(-0.5)))
        : Gen.OneOf(Json(0),
            Gen.ArrayOf(Json(depth - 1)).Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray())),
            Gen.ArrayOf(Gen.Zip(Gen.OneOf(Nasty(), Gen.Elements("token", "answers", "comment", "field", "expectations", "demographics", "TC1", "KQ3")), Json(depth - 1)))
                .Select(pairs =>
                {
                    var obj = new JsonObject();
                    foreach (var (key, value) in pairs) obj[key] = value?.DeepClone();
                    return (JsonNode?)obj;
                }));

    [Property(MaxTest = 150)]
    public Property Any_json_body_gets_a_4xx_or_a_stored_response_never_a_5xx() =>
        Prop.ForAll(Arb.From(Json(3)), Arb.From(Gen.Elements(true, false)), (body, withRealToken) =>
        {
            if (withRealToken && body is JsonObject obj) obj["token"] = SlipApi.IssueTokenAsync(_app).GetAwaiter().GetResult();
            using var client = _app.NewClient();
            var text = body?.ToJsonString() ?? "null";
            using var response = client.PostAsync("/api/v1/responses", new StringContent(text, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            Assert.True(status is 201 or 400 or 404 or 409 or 410 or 415 or 429, $"{status} for {text[..Math.Min(300, text.Length)]}");
            if (status >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        });

    [Fact]
    public async Task Script_and_sql_in_free_text_are_stored_as_typed_and_shown_escaped()
    {
        const string comment = "<script>alert('x')</script> '); DROP TABLE responses;-- <b>đậm</b>";
        var token = await SlipApi.IssueTokenAsync(_app);
        using var client = _app.NewClient();
        var posted = await client.PostAsync("/api/v1/responses",
            new StringContent(new JsonObject { ["token"] = token, ["answers"] = new JsonObject { ["TC1"] = 5 }, ["comment"] = comment }.ToJsonString(), Encoding.UTF8, "application/json"));
        using var leader = await People.LeaderAsync(_app);
        var comments = await leader.GetStringAsync("/api/v1/reports/communes/00070/comments");
        var page = await leader.GetStringAsync("/reports/communes/00070");

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Contains(comment.Replace("'", "\\u0027", StringComparison.Ordinal), comments.Replace("'", "\\u0027", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", page, StringComparison.Ordinal);
    }
}
