using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Features.Alerts;

/// <summary>What the submission transaction needs to decide on and word an alert.</summary>
public sealed record AlertRule(QuestionnaireDefinition Definition, double LowComponentAtMost);

/// <summary>
/// Decides whether a response rates a component low and, if so, writes the alert into the outbox
/// inside the submission's own transaction: the alert exists exactly when the response does.
/// </summary>
public static class LowScoreAlert
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Components whose answered items average at or below the threshold, with that average.</summary>
    public static IReadOnlyList<(string ComponentId, string Label, double Mean)> LowComponents(AlertRule rule, string answers)
    {
        var low = new List<(string, string, double)>();
        foreach (var component in rule.Definition.Components)
        {
            int sum = 0, count = 0;
            foreach (var item in component.Items)
                if (item.Index < answers.Length && answers[item.Index] is >= '1' and <= '5')
                {
                    sum += answers[item.Index] - '0';
                    count++;
                }
            if (count > 0 && (double)sum / count <= rule.LowComponentAtMost) low.Add((component.Id, component.Label.Vi, Math.Round((double)sum / count, 2)));
        }
        return low;
    }

    /// <summary>True when the response rated a component low and its alert is now in the outbox.</summary>
    public static bool Enqueue(SqliteConnection connection, AlertRule rule, long responseId, string communeCode, long counterId, string channel,
        string answers, string? comment, DateTimeOffset submittedAt)
    {
        var low = LowComponents(rule, answers);
        if (low.Count == 0) return false;
        var place = connection.QuerySingle<(string Commune, string Province, string Counter)>(
            """
            SELECT m.name, p.name, c.name FROM counters c JOIN communes m ON m.code = c.commune_code JOIN provinces p ON p.code = m.province_code
            WHERE c.id = @counterId
            """, new { counterId });
        var leaders = connection.Query<(string Username, string Name)>(
            "SELECT username, display_name FROM users WHERE role = 'leader' AND commune_code = @communeCode AND active = 1 ORDER BY id",
            new { communeCode }).Select(l => new { username = l.Username, name = l.Name }).ToList();
        var payload = JsonSerializer.Serialize(new
        {
            type = "sipas.low-score",
            responseId,
            communeCode,
            communeName = place.Commune,
            provinceName = place.Province,
            counterId,
            counterName = place.Counter,
            channel,
            submittedAt = submittedAt.ToString("O", CultureInfo.InvariantCulture),
            questionnaireVersion = rule.Definition.Key,
            lowComponents = low.Select(c => new { id = c.ComponentId, label = c.Label, meanScore = c.Mean }),
            comment,
            leaders,
        }, Json);
        connection.Execute(
            """
            INSERT INTO alert_outbox (response_id, commune_code, payload, created_at, next_attempt_at)
            VALUES (@responseId, @communeCode, @payload, @now, @now)
            """, new { responseId, communeCode, payload, now = submittedAt.ToUnixTimeMilliseconds() });
        return true;
    }
}
