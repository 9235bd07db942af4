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
}
