namespace SipasSurvey.Features.Units;

/// <summary>
/// The procedure fields ("lĩnh vực") a slip or an answer may name: reference data, read at most once a
/// minute and shared by the survey form, the counter page and slip issuing.
/// </summary>
internal sealed class ProcedureFields(IDatabase database)
{
    private volatile IReadOnlyList<string>? _fields;
    private long _loadedAt;

    public IReadOnlyList<string> Active()
    {
        var now = Environment.TickCount64;
        if (_fields is { } cached && now - Interlocked.Read(ref _loadedAt) < 60_000) return cached;
        var fields = Data.ActiveFields(database);
        _fields = fields;
        Interlocked.Exchange(ref _loadedAt, now);
        return fields;
    }

    /// <summary>The field's own spelling, whatever the case it was typed in; null when there is no such field.</summary>
    public string? Find(string name) => Active().FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase));
}
