namespace SipasSurvey.Domain;

/// <summary>One thing wrong with an imported file: which file, where in it (line or JSON path), what.</summary>
internal sealed record ImportProblem(string File, string Location, string Message)
{
    public override string ToString() => $"{File}: {Location}: {Message}";
}
