namespace SipasSurvey.Web;

/// <summary>Paths that leave the process (QR codes, redirects, links in exports) or that tests call by name.</summary>
public static class Paths
{
    public const string Health = "/healthz";
    public const string OpenApi = "/openapi/v1.json";
    public const string Home = "/";

    public const string SignIn = "/signin";
    public const string SignOut = "/signout";
    public const string ChangePassword = "/account/password";

    public const string EnterCode = "/ma";
    public const string Counters = "/counters";
    public const string Dashboard = "/reports";
    public const string Admin = "/admin";

    /// <summary>
    /// A request path fit for a log line: survey tokens (/s/{token}…, /p/{counter}/{token}) are
    /// secrets that answer a slip, so they are masked; everything else is kept.
    /// </summary>
    public static string ForLogs(PathString path)
    {
        var value = path.Value ?? "";
        var segments = value.Split('/');
        if (segments.Length > 2 && segments[1] is "s" or "S") segments[2] = "***";
        else if (segments.Length > 3 && segments[1] is "p" or "P") segments[3] = "***";
        else return value;
        return string.Join('/', segments);
    }
}
