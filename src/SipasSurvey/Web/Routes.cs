namespace SipasSurvey.Web;

// Every route of the service, one class per area: endpoints register with these templates; pages,
// redirects and QR codes link with the builders; tests call both. Routes are a public contract (the
// one-stop software, BI tools and printed slips point at them): add, never rename. (Not one class
// named Routes: FastEndpoints' Endpoint has a Routes() method that would hide it in every endpoint.)

/// <summary>The site itself: home, health, OpenAPI, the form's script.</summary>
internal static class SiteRoutes
{
    public const string Home = "/";
    public const string Health = "/healthz";
    public const string HealthReady = "/healthz/ready";
    public const string HealthLive = "/healthz/live";
    public const string OpenApi = "/openapi/v1.json";
    public const string FormScript = "/assets/form.js";
    public const string Metrics = "/metrics";
    public const string ScreenScript = "/assets/screen.js";
    public const string KioskScript = "/assets/kiosk.js";

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

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Citizens: the slip's form, its QR and printout, the typed code, a counter's wall poster; the JSON submission.</summary>
internal static class CitizenRoutes
{
    public const string Survey = "/s/{token}";
    public const string SurveyQrSvg = "/s/{token}/qr.svg";
    public const string SurveyQrPng = "/s/{token}/qr.png";
    public const string SurveyPrint = "/s/{token}/print";
    public const string EnterCode = "/ma";
    public const string Poster = "/p/{counterId}/{token}";
    public const string Responses = "/api/v1/responses";

    public static string SurveyPath(string token) => "/s/" + token;

    public static string QrSvgPath(string token) => SurveyPath(token) + "/qr.svg";

    public static string QrPngPath(string token) => SurveyPath(token) + "/qr.png";

    public static string PrintPath(string token, string format = "58mm") => SurveyPath(token) + "/print?format=" + format;

    public static string PosterPath(long counterId, string token) => $"/p/{SiteRoutes.Id(counterId)}/{token}";
}

/// <summary>Signing in and out, one's own password.</summary>
internal static class AccountRoutes
{
    public const string SignIn = "/signin";
    public const string SignOut = "/signout";
    public const string ChangePassword = "/account/password";
    public const string Digest = "/account/digest";
}

/// <summary>Counter staff's pages and the slips API of the one-stop software.</summary>
internal static class CounterRoutes
{
    public const string List = "/counters";
    public const string Desk = "/counters/{counterId}";

    /// <summary>The citizen-facing screen of a counter (a tablet or second monitor): the slip just issued, as a large QR.</summary>
    public const string Screen = "/counters/{counterId}/screen";
    public const string ScreenCurrent = "/counters/{counterId}/screen/current";
    public const string ScreenPair = "/screens/pair/{token}";

    public static string ScreenPath(long counterId) => $"/counters/{SiteRoutes.Id(counterId)}/screen";

    public static string ScreenPairPath(string token) => "/screens/pair/" + token;

    /// <summary>The same paired tablet as a kiosk: the form itself, for a citizen without a phone, on the slip just issued.</summary>
    public const string Kiosk = "/counters/{counterId}/kiosk";

    public static string KioskPath(long counterId) => $"/counters/{SiteRoutes.Id(counterId)}/kiosk";
    public const string Issue = "/counters/{counterId}/slips";
    public const string Print = "/counters/{counterId}/print";
    public const string Revoke = "/counters/{counterId}/slips/{slipId}/revoke";

    public const string SlipsApi = "/api/v1/slips";
    public const string SlipApi = "/api/v1/slips/{slipId}";
    public const string SlipRevokeApi = "/api/v1/slips/{slipId}/revoke";
    public const string CounterSlipsApi = "/api/v1/counters/{counterId}/slips";

    public static string DeskPath(long counterId) => "/counters/" + SiteRoutes.Id(counterId);

    public static string IssuePath(long counterId) => DeskPath(counterId) + "/slips";

    public static string RevokePath(long counterId, long slipId) => $"{DeskPath(counterId)}/slips/{SiteRoutes.Id(slipId)}/revoke";

    public static string PrintPath(long counterId, string query) => $"{DeskPath(counterId)}/print?{query}";
}

/// <summary>Leaders' pages and the reports API of BI tools.</summary>
internal static class ReportRoutes
{
    public const string Dashboard = "/reports";
    public const string CommunePage = "/reports/communes/{communeCode}";
    public const string ProvincePage = "/reports/provinces/{provinceCode}";

    public const string Commune = "/api/v1/reports/communes/{communeCode}";
    public const string Daily = "/api/v1/reports/communes/{communeCode}/daily";
    public const string Breakdown = "/api/v1/reports/communes/{communeCode}/breakdown";
    public const string Comments = "/api/v1/reports/communes/{communeCode}/comments";
    public const string CommuneExport = "/api/v1/reports/communes/{communeCode}/export.{format}";
    public const string CommuneResponses = "/api/v1/reports/communes/{communeCode}/responses.{format}";
    public const string Ranking = "/api/v1/reports/provinces/{provinceCode}/ranking";
    public const string RankingExport = "/api/v1/reports/provinces/{provinceCode}/ranking.{format}";
    public const string ProvinceResponses = "/api/v1/reports/provinces/{provinceCode}/responses.{format}";

    public static string CommunePagePath(string communeCode) => "/reports/communes/" + communeCode;

    public static string ProvincePagePath(string provinceCode) => "/reports/provinces/" + provinceCode;

    public static string CommunePath(string communeCode) => "/api/v1/reports/communes/" + communeCode;

    public static string RankingPath(string provinceCode) => $"/api/v1/reports/provinces/{provinceCode}/ranking";
}

/// <summary>A province administrator's pages and API.</summary>
internal static class AdminRoutes
{
    public const string Overview = "/admin";
    public const string Audit = "/admin/audit";
    public const string AuditApi = "/api/v1/admin/audit";

    public const string Counters = "/admin/counters";
    public const string Counter = "/admin/counters/{id}";
    public const string CounterPoster = "/admin/counters/{id}/poster";
    public const string CounterScreens = "/admin/counters/{id}/screens";
    public const string CountersApi = "/api/v1/admin/counters";
    public const string CounterApi = "/api/v1/admin/counters/{id}";

    public const string Users = "/admin/users";
    public const string User = "/admin/users/{id}";
    public const string UserResetPassword = "/admin/users/{id}/reset-password";
    public const string UsersApi = "/api/v1/admin/users";
    public const string UserApi = "/api/v1/admin/users/{id}";
    public const string UserResetPasswordApi = "/api/v1/admin/users/{id}/reset-password";

    public const string ApiKeys = "/admin/api-keys";
    public const string ApiKeyRevoke = "/admin/api-keys/{id}/revoke";
    public const string ApiKeysApi = "/api/v1/admin/api-keys";
    public const string ApiKeyRevokeApi = "/api/v1/admin/api-keys/{id}/revoke";

    public const string Questionnaires = "/admin/questionnaires";
    public const string QuestionnairePublish = "/admin/questionnaires/{id}/publish";
    public const string QuestionnairesApi = "/api/v1/admin/questionnaires";
    public const string QuestionnairePublishApi = "/api/v1/admin/questionnaires/{id}/publish";

    public const string Units = "/admin/units";
    public const string UnitsImportApi = "/api/v1/admin/units/import";

    public static string CounterPath(long id) => "/admin/counters/" + SiteRoutes.Id(id);

    public static string UserPath(long id) => "/admin/users/" + SiteRoutes.Id(id);

    public static string ApiKeyRevokePath(long id) => $"/admin/api-keys/{SiteRoutes.Id(id)}/revoke";

    public static string QuestionnairePublishPath(long id) => $"/admin/questionnaires/{SiteRoutes.Id(id)}/publish";
}
