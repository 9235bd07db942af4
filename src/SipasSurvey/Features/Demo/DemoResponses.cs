using SipasSurvey.Domain.Questionnaires;
using SipasSurvey.Domain.Responses;
using SipasSurvey.Domain.Slips;
using SipasSurvey.Domain.Time;
using SipasSurvey.Features.Questionnaires;
using SipasSurvey.Infrastructure.Writes;
using Submit = SipasSurvey.Features.Survey.Submit;

namespace SipasSurvey.Features.Demo;

/// <summary>
/// Slips and answers for every working day of the previous and the current quarter, so reports,
/// breakdowns and comments have something to show. They are written by the same code as real
/// slips and submissions (aggregates included), only with past timestamps.
/// </summary>
internal static class DemoResponses
{
    private static readonly (string Field, string Procedure)[] Procedures =
    [
        ("Hộ tịch", "1.001193"), ("Hộ tịch", "1.001022"), ("Chứng thực", "2.000815"), ("Chứng thực", "2.001035"),
        ("Đất đai", "1.004227"), ("Bảo trợ xã hội", "1.001776"), ("Thành lập hộ kinh doanh", "2.000720"),
    ];

    private static readonly string[] GoodComments =
    [
        "Cán bộ hướng dẫn tận tình, chu đáo.", "Thủ tục nhanh gọn, trả kết quả đúng hẹn.", "Trụ sở sạch sẽ, có chỗ ngồi chờ thoải mái.",
        "Rất hài lòng với thái độ phục vụ của cán bộ.", "Cảm ơn cán bộ đã giải thích rõ ràng.",
    ];

    private static readonly string[] BadComments =
    [
        "Phải chờ lâu, đề nghị bố trí thêm cán bộ vào giờ cao điểm.", "Thiếu ghế ngồi chờ.", "Hướng dẫn chưa rõ, phải đi lại nhiều lần.",
        "Máy lấy số thứ tự hay bị hỏng.", "Cần niêm yết rõ mức phí, lệ phí.",
    ];

    public static int Generate(IDatabase database, DatabaseWriter writer, QuestionnaireCatalog catalog, ServerKeys keys, DateTimeOffset now)
    {
        var plan = Data.Plan(database);
        if (plan is null) return 0;
        return writer.RunNow(context =>
        {
            var random = new Random(20261123);
            var today = VietnamTime.DateOf(now);
            var start = Quarter.Of(today).Previous.FirstDay;
            var written = 0;
            foreach (var (counterId, commune, communeName, counterName, versionId) in plan.Counters)
            {
                var definition = catalog.Get(versionId)!.Definition;
                // Each commune has its own level of service; a few items are its weak spots.
                var quality = 0.55 + random.NextDouble() * 0.4;
                var weak = definition.Items.Where(_ => random.NextDouble() < 0.2).Select(i => i.Index).ToHashSet();
                for (var day = start; day <= today; day = day.AddDays(1))
                {
                    if (day.DayOfWeek is DayOfWeek.Sunday) continue;
                    var slips = day.DayOfWeek == DayOfWeek.Saturday ? random.Next(0, 6) : random.Next(6, 22);
                    for (var n = 0; n < slips; n++)
                    {
                        var issuedAt = VietnamTime.StartOf(day).AddHours(8 + random.NextDouble() * 8.5);
                        if (issuedAt > now) continue;
                        var (field, procedure) = Procedures[random.Next(Procedures.Length)];
                        var officer = plan.Staff[counterId].Cast<long?>().FirstOrDefault();
                        var seed = SlipSecrets.NewSeed();
                        var batch = new Slips.Issue.SlipBatch(commune, counterId, officer, procedure, field, null, versionId, "slip",
                            issuedAt, issuedAt.AddDays(14), VietnamTime.DayKey(issuedAt), null, null, null);
                        var slipId = Slips.Issue.Data.Insert(context, batch, [seed],
                            [SlipSecrets.Hash(SlipSecrets.Token(keys.TokenKey, seed))], [SlipSecrets.CodeHash(keys.TokenKey, SlipSecrets.Code(keys.TokenKey, seed))])[0];
                        if (random.NextDouble() > 0.45) continue;
                        var submittedAt = DateTimeOffset.FromUnixTimeMilliseconds((issuedAt.AddMinutes(2 + random.NextDouble() * 240)).ToUnixTimeMilliseconds());
                        if (submittedAt > now) continue;
                        var slip = new Slips.SlipView
                        {
                            Id = slipId, CommuneCode = commune, CommuneName = communeName, CounterId = counterId, CounterName = counterName, StaffId = officer,
                            Field = field, ProcedureCode = procedure, QuestionnaireVersionId = versionId, Channel = "slip", IssuedAt = issuedAt, ExpiresAt = batch.ExpiresAt,
                        };
                        var response = Answer(definition, quality, weak, field, random);
                        Submit.Data.Store(context, new Submit.ResponseRow(slip, slip.Channel, response, "form", null, new Web.ClientSignals(null, null, "Chrome"),
                            submittedAt, VietnamTime.DayKey(submittedAt), slip.Field ?? response.Field, Flags: 0));
                        written++;
                    }
                }
            }
            return written;
        });
    }

    private static ValidResponse Answer(QuestionnaireDefinition definition, double quality, HashSet<int> weak, string field, Random random)
    {
        var answers = new char[definition.Items.Count];
        var happy = random.NextDouble() < quality;
        foreach (var item in definition.Items)
        {
            if (random.NextDouble() < 0.06) { answers[item.Index] = '0'; continue; }
            var roll = random.NextDouble() + (weak.Contains(item.Index) ? 0.25 : 0) - (happy ? 0.3 : 0);
            answers[item.Index] = roll switch { < 0.35 => '5', < 0.75 => '4', < 0.88 => '3', < 0.97 => '2', _ => '1' };
        }
        string? expectations = null;
        if (definition.Expectations is { } block && random.NextDouble() < 0.3)
            expectations = new string(block.Areas.Select(_ => (char)('0' + random.Next(0, 4))).ToArray());
        var demographics = new Dictionary<string, string>();
        if (definition.Demographics is { } questions && random.NextDouble() < 0.5)
            foreach (var question in questions.Questions)
                demographics[question.Id] = question.Options[random.Next(question.Options.Count)].Id;
        var comment = random.NextDouble() < 0.15 ? (happy ? GoodComments : BadComments)[random.Next(5)] : null;
        return new ValidResponse(new string(answers), expectations, demographics, comment,
            definition.FieldQuestion is null ? null : field);
    }
}
