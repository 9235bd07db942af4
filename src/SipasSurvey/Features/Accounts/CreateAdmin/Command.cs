namespace SipasSurvey.Features.Accounts.CreateAdmin;

/// <summary>
/// The create-admin verb: the first administrator of a province. The password is read from
/// standard input (never an argument, never a default), so it stays out of shell history.
/// </summary>
internal static class Command
{
    public static int Run(IServiceProvider services, string username, string provinceCode, string? displayName, TextReader input, TextWriter output, TextWriter error)
    {
        var database = services.GetRequiredService<IDatabase>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        username = username.Trim();
        if (username.Length is < 3 or > 64 || username.Any(char.IsWhiteSpace))
        {
            error.WriteLine("--username must be 3 to 64 characters without spaces.");
            return 2;
        }
        if (!Console.IsInputRedirected) output.Write("Password (input hidden is not supported here; type and press Enter): ");
        var password = input.ReadLine();
        if (Passwords.Problem(password, username) is { } problem)
        {
            error.WriteLine("Password refused: " + problem);
            return 2;
        }
        if (!Data.ProvinceExists(database, provinceCode))
        {
            error.WriteLine($"Unknown province {provinceCode}: import the province list first (import-units samples/units/provinces-2025.csv).");
            return 2;
        }
        if (Data.UsernameTaken(database, username))
        {
            error.WriteLine($"An account named {username} already exists.");
            return 2;
        }
        var id = Data.Create(database, username, string.IsNullOrWhiteSpace(displayName) ? username : displayName.Trim(), provinceCode, password!, now);
        output.WriteLine($"Administrator {username} (id {id}) created for province {provinceCode}.");
        return 0;
    }
}
