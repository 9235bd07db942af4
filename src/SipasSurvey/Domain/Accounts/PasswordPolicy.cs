using System.Reflection;

namespace SipasSurvey.Domain.Accounts;

/// <summary>
/// What a password must be, after NIST SP 800-63B (3.1.1.2): long enough (12 characters; spaces and
/// any Unicode allowed), not a commonly used password, not one character or a short pattern repeated,
/// not a plain run like "123456789012", and not built from the account's own name. No composition
/// rules ("one capital, one digit…"): they make passwords harder to remember, not harder to guess.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Null when acceptable, else the reason in Vietnamese.</summary>
    public static string? Problem(string? password, string? username = null)
    {
        if (string.IsNullOrEmpty(password)) return "Vui lòng nhập mật khẩu.";
        if (password.Length < MinLength) return $"Mật khẩu cần ít nhất {MinLength} ký tự (có thể dùng một câu dễ nhớ).";
        if (password.Length > MaxLength) return $"Mật khẩu dài tối đa {MaxLength} ký tự.";
        if (password.Trim().Length != password.Length) return "Mật khẩu không được bắt đầu hay kết thúc bằng khoảng trắng.";
        var lower = password.ToLowerInvariant();
        if (IsRepeated(lower)) return "Mật khẩu không được là một ký tự hay một nhóm ký tự lặp lại.";
        if (IsRun(lower)) return "Mật khẩu không được là một dãy liên tiếp (như 123456789012 hay abcdefghijkl).";
        if (IsCommon(lower)) return "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.";
        if (username is { Length: >= 3 } && lower.Contains(username.ToLowerInvariant(), StringComparison.Ordinal))
            return "Mật khẩu không được chứa tên đăng nhập.";
        if (lower.Contains("sipas", StringComparison.Ordinal)) return "Mật khẩu không được chứa tên của hệ thống.";
        return null;
    }

    /// <summary>In the list, or a listed word with only digits and punctuation around it ("password2026!!").</summary>
    private static bool IsCommon(string lower)
    {
        if (Common.Value.Contains(lower)) return true;
        var core = lower.Trim("0123456789!@#$%^&*()-_=+.,;:?/ ".ToCharArray());
        return core.Length >= 4 && core.Length < lower.Length && Common.Value.Contains(core);
    }

    /// <summary>One unit of at most half the length, repeated: "aaaaaaaaaaaa", "abcabcabcabc".</summary>
    private static bool IsRepeated(string lower)
    {
        for (var unit = 1; unit <= lower.Length / 2; unit++)
        {
            var repeated = true;
            for (var i = unit; i < lower.Length && repeated; i++) repeated = lower[i] == lower[i - unit];
            if (repeated) return true;
        }
        return false;
    }

    /// <summary>Mostly steps of one up or down the alphabet or the digits (digits wrap: …8901…).</summary>
    private static bool IsRun(string lower)
    {
        var steps = 0;
        for (var i = 1; i < lower.Length; i++)
        {
            int a = lower[i - 1], b = lower[i];
            var digits = char.IsAsciiDigit((char)a) && char.IsAsciiDigit((char)b);
            var step = digits ? (b - a + 10) % 10 : b - a;
            if (step == 1 || (digits ? step == 9 : step == -1)) steps++;
        }
        return steps >= (lower.Length - 1) * 3 / 4;
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SipasSurvey.Domain.Accounts.common-passwords.txt")
                           ?? throw new InvalidOperationException("common-passwords.txt is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set;
    }
}
