using Microsoft.AspNetCore.Authorization;

namespace SipasSurvey.Web.Identity;

/// <summary>
/// The only authorization policies endpoints may declare (besides AllowAnonymous). Scoping to a
/// commune, province or counter happens in the handlers on top of these, answering 404.
/// </summary>
internal static class Policies
{
    /// <summary>Any signed-in person (password change, sign-out, home).</summary>
    public const string Person = "person";

    /// <summary>Counter staff, administrators, and API keys with the slips scope.</summary>
    public const string IssueSlips = "issue-slips";

    /// <summary>Counter staff and administrators working at a counter page (people only).</summary>
    public const string CounterDesk = "counter-desk";

    /// <summary>Commune leaders, administrators, and API keys with the reports scope.</summary>
    public const string ReadReports = "read-reports";

    /// <summary>Commune leaders and administrators (people only: pages, comments, exports).</summary>
    public const string LeadCommune = "lead-commune";

    /// <summary>Province administrators.</summary>
    public const string Administer = "administer";

    public static readonly string[] All = [Person, IssueSlips, CounterDesk, ReadReports, LeadCommune, Administer];

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(Person, p => p.RequireAuthenticatedUser().RequireClaim(Caller.KindClaim, "user"));
        options.AddPolicy(IssueSlips, p => p.RequireAuthenticatedUser().RequireRole("staff", "admin", "slips-client"));
        options.AddPolicy(CounterDesk, p => p.RequireAuthenticatedUser().RequireRole("staff", "admin").RequireClaim(Caller.KindClaim, "user"));
        options.AddPolicy(ReadReports, p => p.RequireAuthenticatedUser().RequireRole("leader", "admin", "reports-client"));
        options.AddPolicy(LeadCommune, p => p.RequireAuthenticatedUser().RequireRole("leader", "admin").RequireClaim(Caller.KindClaim, "user"));
        options.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireRole("admin").RequireClaim(Caller.KindClaim, "user"));
    }
}
