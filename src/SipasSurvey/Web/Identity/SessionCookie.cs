namespace SipasSurvey.Web.Identity;

/// <summary>The session cookie of people signed in (its value is encrypted; it names a server-side session).</summary>
internal static class SessionCookie
{
    public const string Name = "sipas_session";
}
