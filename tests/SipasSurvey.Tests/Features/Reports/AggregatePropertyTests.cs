using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Features.Reports;
using SipasSurvey.Infrastructure.Database;
using SipasSurvey.Infrastructure.Writes;
using SipasSurvey.Tests.Support;
using Submit = SipasSurvey.Features.Survey.Submit;
using Issue = SipasSurvey.Features.Slips.Issue;

namespace SipasSurvey.Tests.Features.Reports;

/// <summary>
/// Random responses go through the real write path; then every figure the reports compute from
/// the per-day aggregates must equal an independent recomputation from the raw rows, with days
/// taken in UTC+7 by the oracle itself.
/// </summary>
public sealed class AggregatePropertyTests
{
    // Instants where a Vietnamese day or quarter turns (UTC): 31/03 23:59:59, 01/07 00:00, 31/12 23:30 Vietnam time.
    private static readonly DateTimeOffset[] Boundaries =
    [
        new(2026, 3, 31, 16, 59, 59, TimeSpan.Zero), new(2026, 6, 30, 17, 0, 0, TimeSpan.Zero), new(2026, 12, 31, 16, 30, 0, TimeSpan.Zero),
    ];

    public sealed record Answer(int Commune, int Version, int Boundary, int MinutesFromBoundary, string Digits, bool Flagged, bool AtKiosk);

    private static Gen<Answer> AnswerGen =>
        from commune in Gen.Choose(0, 1)
        from version in Gen.Choose(0, 1)
        from boundary in Gen.Choose(0, Boundaries.Length - 1)
        from minutes in Gen.Choose(-180, 180)
        from digits in Gen.ArrayOf(Gen.Elements('0', '0', '1', '2', '3', '4', '5', '5', '4'), 19)
        from flagged in Gen.Elements(false, false, false, true)
        from kiosk in Gen.Elements(false, false, true)
        select new Answer(commune, version, boundary, minutes, new string(digits), flagged, kiosk);

    [Property(MaxTest = 25)]
    public Property Figures_from_aggregates_equal_a_recomputation_from_raw_rows() =>
        Prop.ForAll(Arb.From(Gen.ListOf(AnswerGen).Select(l => l.ToList())), answers => Check(answers));

    private static void Check(List<Answer> answers)
    {
        var folder = TempFolder.Create("property");
        try
        {
            DapperSetup.Configure();
            var database = TestEngine.OpenDatabase(folder);
            new Migrator(database, TempFolder.ShippedMigrations).Apply();
            var (versions, counters) = Seed(database);
            var catalog = new QuestionnaireCatalog(database);
            // All answers in one write batch: the aggregates hook sums them in memory and writes each row once.
            var writer = new DatabaseWriter(database, Microsoft.Extensions.Options.Options.Create(new WriteOptions { Mode = WriteMode.PerRequest }),
                [new SipasSurvey.Features.Reports.Aggregates.AggregatesHook()], Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseWriter>.Instance,
                new SipasSurvey.Infrastructure.Telemetry.SipasMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
            writer.RunNow(context =>
            {
                foreach (var answer in answers)
                {
                    var submittedAt = Boundaries[answer.Boundary].AddMinutes(answer.MinutesFromBoundary);
                    var definition = catalog.Get(versions[answer.Version])!.Definition;
                    var digits = answer.Digits[..definition.Items.Count];
                    if (digits.All(c => c == '0')) digits = "4" + digits[1..];
                    var counter = counters[answer.Commune * 2 + answer.Version];
                    var seed = SlipSecrets.NewSeed();
                    // A flagged answer comes from the network that printed its slip: the integrity check flags it on submission.
                    byte[] printer = [1, 2, 3], phone = answer.Flagged ? printer : [9, 9, 9];
                    var batch = new Issue.SlipBatch(Communes[answer.Commune], counter, null, null, null, null, versions[answer.Version], "slip",
                        submittedAt.AddMinutes(-1), submittedAt.AddDays(14), SipasSurvey.Domain.Time.VietnamTime.DayKey(submittedAt.AddMinutes(-1)),
                        null, null, printer);
                    var slipId = Issue.Data.Insert(context, batch,
                        [seed], [SlipSecrets.Hash(SlipSecrets.Token(new byte[32], seed))], [SlipSecrets.CodeHash(new byte[32], SlipSecrets.Code(new byte[32], seed))])[0];
                    var slip = new SipasSurvey.Features.Slips.SlipView
                    {
                        Id = slipId, CommuneCode = batch.CommuneCode, CounterId = counter, QuestionnaireVersionId = batch.QuestionnaireVersionId,
                        Channel = "slip", IssuedAt = batch.IssuedAt, ExpiresAt = batch.ExpiresAt, IssueNetwork = printer,
                    };
                    var signals = new SipasSurvey.Web.ClientSignals(phone, null, "Other");
                    var channel = answer.AtKiosk ? "kiosk" : "slip";
                    var flags = Submit.Integrity.Compute(context.Connection, slip, channel, digits, signals, submittedAt, Submit.IntegrityRules.Default);
                    var response = new ValidResponse(digits, null, new Dictionary<string, string>(), null, null);
                    var stored = Submit.Data.Store(context, new Submit.ResponseRow(slip, channel, response, "api", null, signals, submittedAt,
                        SipasSurvey.Domain.Time.VietnamTime.DayKey(submittedAt), null, flags));
                    Assert.IsType<Submit.StoreResult.Stored>(stored);
                    // The kiosk is on the counter's network by design: that is no signal there.
                    Assert.Equal(answer.Flagged && !answer.AtKiosk, (flags & (long)Submit.IntegritySignal.CounterNetwork) != 0);
                }
                return true;
            });

            using var reads = new ReadPool(database);
            var reports = new ReportQuery(database, reads, catalog);
            var raw = RawRows(database);
            foreach (var stored in raw) Assert.Equal(VietnamDay(stored.SubmittedAt), stored.Day);
            var periods = new List<Period>();
            foreach (var boundary in Boundaries)
            {
                var day = DateOnly.FromDateTime(boundary.ToOffset(TimeSpan.FromHours(7)).DateTime);
                periods.Add(Period.Of(SipasSurvey.Domain.Time.Quarter.Of(day)));
                periods.Add(Period.Between(day, day));
                periods.Add(Period.Between(day.AddDays(1), day.AddDays(1)));
            }
            foreach (var commune in Communes)
            foreach (var period in periods)
            foreach (var excludeFlagged in new[] { false, true })
            foreach (var channel in new[] { "slip", "kiosk" })
            {
                var inPeriod = raw.Where(r => r.Commune == commune && string.CompareOrdinal(VietnamDay(r.SubmittedAt), period.FromKey) >= 0
                                          && string.CompareOrdinal(VietnamDay(r.SubmittedAt), period.ToKey) <= 0 && (!excludeFlagged || r.Flags == 0)).ToList();
                var rows = inPeriod.Where(r => r.Channel == channel).ToList();
                var report = reports.CommuneAsync(commune, commune, period, channel, excludeFlagged).GetAwaiter().GetResult();   // FsCheck checks synchronously; one caller, no pool to starve
                var expected = Oracle(rows, catalog);
                Assert.Equal(rows.Count, report.Responses);
                Assert.Equal(inPeriod.Count(r => r.Channel == "kiosk"), report.KioskResponses);
                AssertClose(expected.Service, report.ServiceIndex, $"S {commune} {period.Label}");
                foreach (var (component, index) in expected.Components)
                    AssertClose(index, report.Components.Single(c => c.Id == component).Index, $"{component} {commune} {period.Label}");
                foreach (var ((version, item), (rate, n)) in expected.Items)
                {
                    var row = report.Items.Single(i => i.QuestionnaireVersion == version && i.Id == item);
                    Assert.Equal(n, row.Answers);
                    AssertClose(rate, row.Rate, $"{version}.{item}");
                }
            }
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    private static readonly string[] Communes = ["00070", "00004"];
    private static readonly string[] SampleFiles = ["sipas-2023.json", "hn-mau-02.json"];

    /// <summary>The formulas written out plainly, from raw answer strings.</summary>
    private static (double? Service, Dictionary<string, double?> Components, Dictionary<(string, string), (double?, long)> Items) Oracle(
        List<RawRow> rows, QuestionnaireCatalog catalog)
    {
        var perVersion = new List<(long Responses, double? Service, Dictionary<string, double?> Components)>();
        var items = new Dictionary<(string, string), (double?, long)>();
        foreach (var group in rows.GroupBy(r => r.VersionId))
        {
            var definition = catalog.Get(group.Key)!.Definition;
            var rates = new Dictionary<string, double?>();
            foreach (var item in definition.Items)
            {
                var answered = group.Select(r => r.Answers[item.Index]).Where(c => c != '0').ToList();
                double? rate = answered.Count == 0 ? null : 100.0 * answered.Count(c => c is '4' or '5') / answered.Count;
                rates[item.Id] = rate;
                items[(definition.Key, item.Id)] = (rate, answered.Count);
            }
            var components = definition.Components.ToDictionary(c => c.Id, c =>
            {
                var present = c.Items.Select(i => rates[i.Id]).Where(r => r is not null).Select(r => r!.Value).ToList();
                return present.Count == 0 ? (double?)null : present.Average();
            });
            var presentComponents = components.Values.Where(v => v is not null).Select(v => v!.Value).ToList();
            perVersion.Add((group.Count(), presentComponents.Count == 0 ? null : presentComponents.Average(), components));
        }
        double? Weighted(IEnumerable<(double? Value, long Weight)> values)
        {
            var present = values.Where(v => v.Value is not null).ToList();
            var weight = present.Sum(v => v.Weight);
            return weight == 0 ? null : present.Sum(v => v.Value!.Value * v.Weight) / weight;
        }
        var service = Weighted(perVersion.Select(v => (v.Service, v.Responses)));
        var componentIds = perVersion.SelectMany(v => v.Components.Keys).Distinct();
        var combined = componentIds.ToDictionary(id => id, id => Weighted(perVersion.Select(v => (v.Components.GetValueOrDefault(id), v.Responses))));
        return (service, combined, items);
    }

    private static string VietnamDay(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertClose(double? expected, double? actual, string what)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: expected {expected}, got {actual}");
            return;
        }
        Assert.True(Math.Abs(expected.Value - actual.Value) < 1e-9, $"{what}: expected {expected}, got {actual}");
    }

    private sealed record RawRow(string Commune, long VersionId, DateTimeOffset SubmittedAt, string Day, string Answers, long Flags, string Channel);

    private static List<RawRow> RawRows(IDatabase database)
    {
        using var connection = database.Open();
        return connection.Query<(string, long, long, string, string, long, string)>(
                "SELECT commune_code, questionnaire_version_id, submitted_at, day, answers, flags, channel FROM responses")
            .Select(r => new RawRow(r.Item1, r.Item2, DateTimeOffset.FromUnixTimeMilliseconds(r.Item3), r.Item4, r.Item5, r.Item6, r.Item7)).ToList();
    }

    private static (long[] Versions, long[] Counters) Seed(IDatabase database)
    {
        using (var connection = database.Open())
        {
            connection.Execute("INSERT INTO provinces (code, name) VALUES ('01', 'Thành phố Hà Nội')");
            connection.Execute("INSERT INTO communes (code, name, unit_type, province_code, valid_from) VALUES ('00070', 'Phường Hoàn Kiếm', 'phuong', '01', '2025-07-01'), ('00004', 'Phường Ba Đình', 'phuong', '01', '2025-07-01')");
        }
        var versions = SampleFiles.Select(file =>
            SipasSurvey.Features.Questionnaires.Import.Data.Write(database,
                QuestionnaireParser.Parse(File.ReadAllText(Path.Combine(TempFolder.Samples, "questionnaires", file), Encoding.UTF8), file).Definition!,
                publish: true, file, DateTimeOffset.UtcNow).VersionId).ToArray();
        using var insert = database.Open();
        var counters = new List<long>();
        foreach (var commune in Communes)
        foreach (var version in versions)
            counters.Add(insert.ExecuteScalar<long>("INSERT INTO counters (commune_code, name, questionnaire_version_id, created_at) VALUES (@commune, 'Quầy', @version, 0) RETURNING id", new { commune, version }));
        return (versions, counters.ToArray());
    }
}
