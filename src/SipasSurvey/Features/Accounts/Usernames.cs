using System.Text.RegularExpressions;

namespace SipasSurvey.Features.Accounts;

/// <summary>What a sign-in name and a role may be.</summary>
internal static partial class Usernames
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string username) => Pattern().IsMatch(username);

    public static bool IsRole(string? role) => role is "staff" or "leader" or "admin";
}
