using Microsoft.AspNetCore.Identity;

namespace SipasSurvey.Infrastructure.Security;

/// <summary>ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512, salted, versioned format).</summary>
internal static class Passwords
{
    public const int MinLength = Domain.Accounts.PasswordPolicy.MinLength;

    private sealed class Account;

    private static readonly PasswordHasher<Account> Hasher = new();
    private static readonly Account Anyone = new();

    // Verified when the username is unknown, so a wrong username costs as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(Anyone, "not-a-real-password-" + Guid.NewGuid());

    public static string Hash(string password) => Hasher.HashPassword(Anyone, password);

    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword(Anyone, hash ?? DummyHash, password) != PasswordVerificationResult.Failed && hash is not null;

    /// <summary>Null when acceptable, else the reason in Vietnamese (see <see cref="Domain.Accounts.PasswordPolicy"/>).</summary>
    public static string? Problem(string? password, string? username = null) => Domain.Accounts.PasswordPolicy.Problem(password, username);

    public static string NewStamp() => Guid.NewGuid().ToString("N");
}
