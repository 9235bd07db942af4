using Microsoft.Data.Sqlite;

namespace SipasSurvey.Features.Survey.Submit;

/// <summary>Integrity signals raised for a response at submission time (bits of responses.flags).</summary>
public static class Integrity
{
    public static long Compute(SqliteConnection connection, Data.SlipRow slip, Submission submission)
    {
        _ = connection;
        _ = slip;
        _ = submission;
        return 0;
    }
}
