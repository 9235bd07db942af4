namespace SipasSurvey.Features.Accounts;

internal sealed class CounterInfo
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string CommuneCode { get; init; } = "";
    public string CommuneName { get; init; } = "";
    public string ProvinceCode { get; init; } = "";
    public long? QuestionnaireVersionId { get; init; }
    public bool Active { get; init; }
    public bool PosterEnabled { get; init; }
}

/// <summary>
/// Server-side scoping on top of the role policies. Anything outside the caller's commune,
/// province or counters is treated as not existing: callers answer 404, never 403.
/// </summary>
internal sealed class AccessScope(ReadPool reads, ReferenceCache references)
{
    /// <summary>
    /// The commune's name and province when it exists and the caller may read it, else null (answered as 404 either
    /// way). One lookup: reports ask this on every call.
    /// </summary>
    public (string Name, string ProvinceCode)? ReadableCommune(Caller caller, string communeCode)
    {
        switch (caller.Role)
        {
            case Role.Leader:
            case Role.ReportsClient when caller.CommuneCode is not null:
                return caller.CommuneCode == communeCode ? Commune(communeCode) : null;
            case Role.Admin:
            case Role.ReportsClient:
                return Commune(communeCode) is { } commune && commune.ProvinceCode == caller.ProvinceCode ? commune : null;
            default:
                return null;
        }
    }

    public static bool CanReadProvince(Caller caller, string provinceCode) =>
        caller.ProvinceCode == provinceCode && caller.Role switch
        {
            Role.Admin => true,
            Role.ReportsClient => caller.CommuneCode is null,
            _ => false,
        };

    /// <summary>The counter, if the caller may issue slips there: assigned staff and keys, or the province's administrators.</summary>
    public CounterInfo? CounterFor(Caller caller, long counterId)
    {
        var counter = FindCounter(counterId);
        if (counter is null) return null;
        return caller.Role switch
        {
            // Bindings end when a counter moves; the commune and province checks hold even if one were left behind.
            Role.Staff => caller.CounterIds.Contains(counterId) && counter.CommuneCode == caller.CommuneCode ? counter : null,
            Role.SlipsClient => caller.CounterIds.Contains(counterId) && counter.ProvinceCode == caller.ProvinceCode ? counter : null,
            Role.Admin => counter.ProvinceCode == caller.ProvinceCode ? counter : null,
            _ => null,
        };
    }

    public CounterInfo? FindCounter(long counterId) =>
        references.GetOrLoad("counter:" + counterId.ToString(CultureInfo.InvariantCulture), () => reads.Run(connection => Data.Counter(connection, counterId)));

    /// <summary>A commune's name and province, or null when no such code exists.</summary>
    public (string Name, string ProvinceCode)? Commune(string communeCode) =>
        references.GetOrLoad("commune:" + communeCode, () => reads.Run(connection => Data.Commune(connection, communeCode)));

    /// <summary>A province's name, or null when no such code exists.</summary>
    public string? ProvinceName(string provinceCode) =>
        references.GetOrLoad("province:" + provinceCode, () => reads.Run(connection => Data.ProvinceName(connection, provinceCode)));
}
