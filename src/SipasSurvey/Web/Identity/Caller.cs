using System.Security.Claims;

namespace SipasSurvey.Web.Identity;

internal enum Role { Admin, Leader, Staff, SlipsClient, ReportsClient }

/// <summary>
/// Who is calling, rebuilt from the database on every request (cookie or API key), so a role
/// change, a deactivation or a revoked key takes effect immediately.
/// </summary>
internal sealed record Caller(
    bool IsMachine, long Id, string Name, Role Role,
    string ProvinceCode, string? CommuneCode, IReadOnlySet<long> CounterIds)
{
    public const string KindClaim = "sipas:kind";
    public const string ProvinceClaim = "sipas:province";
    public const string CommuneClaim = "sipas:commune";
    public const string CounterClaim = "sipas:counter";
    public const string StampClaim = "sipas:stamp";
    public const string SessionClaim = "sipas:session";
    public const string MustChangePasswordClaim = "sipas:must-change-password";

    /// <summary>Signed in with a temporary password set by an administrator: nothing else until they choose their own.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>How the audit log names the actor: "user:3 admin.hanoi" or "apikey:2 Phần mềm Một cửa".</summary>
    public string AuditName => $"{(IsMachine ? "apikey" : "user")}:{Id} {Name}";

    public ClaimsIdentity ToIdentity(string scheme, string? stamp = null, string? session = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, Name),
            new(ClaimTypes.Role, RoleName(Role)),
            new(KindClaim, IsMachine ? "apikey" : "user"),
            new(ProvinceClaim, ProvinceCode),
        };
        if (CommuneCode is not null) claims.Add(new Claim(CommuneClaim, CommuneCode));
        if (stamp is not null) claims.Add(new Claim(StampClaim, stamp));
        if (session is not null) claims.Add(new Claim(SessionClaim, session));
        if (MustChangePassword) claims.Add(new Claim(MustChangePasswordClaim, "true"));
        claims.AddRange(CounterIds.Select(id => new Claim(CounterClaim, id.ToString(CultureInfo.InvariantCulture))));
        return new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role);
    }

    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        var province = principal.FindFirstValue(ProvinceClaim);
        if (id is null || role is null || province is null) return null;
        return new Caller(
            principal.FindFirstValue(KindClaim) == "apikey",
            long.Parse(id, CultureInfo.InvariantCulture),
            principal.FindFirstValue(ClaimTypes.Name) ?? "",
            ParseRole(role),
            province,
            principal.FindFirstValue(CommuneClaim),
            principal.FindAll(CounterClaim).Select(c => long.Parse(c.Value, CultureInfo.InvariantCulture)).ToHashSet())
        {
            MustChangePassword = principal.HasClaim(MustChangePasswordClaim, "true"),
        };
    }

    public static string RoleName(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Leader => "leader",
        Role.Staff => "staff",
        Role.SlipsClient => "slips-client",
        _ => "reports-client",
    };

    public static Role ParseRole(string name) => name switch
    {
        "admin" => Role.Admin,
        "leader" => Role.Leader,
        "staff" => Role.Staff,
        "slips-client" => Role.SlipsClient,
        "reports-client" => Role.ReportsClient,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown role"),
    };

    public static string RoleLabel(Role role) => role switch
    {
        Role.Admin => "Quản trị viên",
        Role.Leader => "Lãnh đạo xã/phường",
        Role.Staff => "Cán bộ Một cửa",
        Role.SlipsClient => "Phần mềm Một cửa (API)",
        _ => "Công cụ báo cáo (API)",
    };
}
