namespace SipasSurvey.Web;

/// <summary>Paths that leave the process (QR codes, redirects, links in exports) or that tests call by name.</summary>
public static class Paths
{
    public const string Health = "/healthz";
    public const string OpenApi = "/openapi/v1.json";
    public const string Home = "/";
}
