using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Admin;

/// <summary>
/// An administrator's write that reaches for another province's unit, counter, person, key or
/// questionnaire is refused as if the object did not exist (404, or a field error when it is named
/// in the body). The refusal is audited in the province that owns the object, so its administrators
/// see who tried, and in the caller's own.
/// </summary>
internal sealed class ProvinceBoundary(IDatabase database, TimeProvider clock)
{
    public string? CommuneOwner(string? communeCode) => communeCode is null ? null : Data.CommuneOwner(database, communeCode);

    public string? CounterOwner(long counterId) => Data.CounterOwner(database, counterId);

    public string? UserOwner(long userId) => Data.UserOwner(database, userId);

    public string? ApiKeyOwner(long keyId) => Data.ApiKeyOwner(database, keyId);

    public string? QuestionnaireOwner(long versionId) => Data.QuestionnaireOwner(database, versionId);

    /// <summary>Audits the attempt when <paramref name="ownerProvinces"/> name any province other than the caller's; true when it did.</summary>
    public bool AuditIfForeign(Caller caller, HttpContext http, string action, string target, params string?[] ownerProvinces)
    {
        var foreign = ownerProvinces.Where(p => p is not null && p != caller.ProvinceCode).Distinct().ToList();
        if (foreign.Count == 0) return false;
        var now = clock.GetUtcNow();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var province in foreign.Append(caller.ProvinceCode))
            AuditLog.Write(connection, transaction, AuditEntry.By(caller, http, action + "-refused", target,
                new { reason = "outside the administrator's province", callerProvince = caller.ProvinceCode, path = http.Request.Path.Value }, now, province));
        transaction.Commit();
        return true;
    }

    /// <summary>The owners of counters named in a request (unknown ids have none).</summary>
    public string?[] CounterOwners(IEnumerable<long>? counterIds) => (counterIds ?? []).Select(CounterOwner).ToArray();
}
