namespace SipasSurvey.Features.Survey.Submit;

/// <summary>A response stored in the current write batch: what aggregates, alerts and caches act on.</summary>
internal sealed record AnswerStored(
    long ResponseId, string CommuneCode, long CounterId, long? StaffId, string? Field, string? ProcedureCode,
    long QuestionnaireVersionId, string Channel, string Day, long Flags, string Answers, string? Comment, DateTimeOffset SubmittedAt);
