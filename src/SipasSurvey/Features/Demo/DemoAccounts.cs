using SipasSurvey.Features.Admin.Audit;

namespace SipasSurvey.Features.Demo;

/// <summary>
/// Demo sign-ins and API keys, regenerated on every demo start: there are no default passwords,
/// and the previous demo keys are revoked.
/// </summary>
internal static class DemoAccounts
{
    public const string AdminUsername = "admin.hanoi";
    public const string LeaderUsername = "lanhdao.hoankiem";
    public const string StaffUsername = "canbo.hoankiem";
    private const string DemoKeyPrefix = "Demo — ";

    public static void Refresh(IDatabase database, DemoState state, DateTimeOffset now)
    {
        var (admin, leader, staff, slipsKey, reportsKey) = Data.RefreshAccounts(database, state.CommuneCode, state.CounterId, now,
            (AdminUsername, "Quản trị viên Hà Nội (demo)"), (LeaderUsername, "Lãnh đạo phường Hoàn Kiếm (demo)"), (StaffUsername, "Cán bộ Một cửa Hoàn Kiếm (demo)"),
            DemoKeyPrefix);

        state.Credentials["apiKey"] = slipsKey;
        state.Credentials["reportsApiKey"] = reportsKey;
        state.Credentials["admin"] = new { username = AdminUsername, password = admin };
        state.Credentials["leader"] = new { username = LeaderUsername, password = leader };
        state.Credentials["staff"] = new { username = StaffUsername, password = staff };
        state.Passwords[AdminUsername] = admin;
        state.Passwords[LeaderUsername] = leader;
        state.Passwords[StaffUsername] = staff;
        state.WelcomeLines.Add($"Admin:       {AdminUsername} / {admin}");
        state.WelcomeLines.Add($"Leader:      {LeaderUsername} / {leader}  (Phường Hoàn Kiếm)");
        state.WelcomeLines.Add($"Counter:     {StaffUsername} / {staff}  (counter {state.CounterId})");
        state.WelcomeLines.Add($"API key:     {slipsKey}  (slips for counter {state.CounterId})");
        state.WelcomeLines.Add($"Reports key: {reportsKey}  (province 01)");
    }
}
