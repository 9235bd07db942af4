namespace SipasSurvey.Features.Slips;

/// <summary>Slips issued (a positive delta) or revoked (−1) in the current write batch: the response-rate denominator changes.</summary>
internal sealed record SlipsCounted(string CommuneCode, string Day, string Channel, long CounterId, long? StaffId, string? Field, string? ProcedureCode, int Delta);
