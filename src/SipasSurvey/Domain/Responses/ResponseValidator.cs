using System.Security.Cryptography;
using System.Text;
using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Domain.Responses;

/// <summary>What a citizen sent, before checking: raw strings keyed by item, area and question id.</summary>
internal sealed record ResponseInput(
    IReadOnlyDictionary<string, string?> Answers,
    IReadOnlyDictionary<string, string?> Expectations,
    IReadOnlyDictionary<string, string?> Demographics,
    string? Comment,
    string? Field);

/// <summary>
/// A checked response in its stored shape: a digit per item in version order ('0' = blank), a digit
/// per expectation area, chosen demographic options, the comment in Unicode NFC.
/// </summary>
internal sealed record ValidResponse(string Answers, string? Expectations, IReadOnlyDictionary<string, string> Demographics, string? Comment, string? Field)
{
    /// <summary>SHA-256 of the canonical content: the same answers twice hash the same, any difference does not.</summary>
    public byte[] BodyHash()
    {
        var canonical = new StringBuilder()
            .Append(Answers).Append('\n').Append(Expectations).Append('\n')
            .AppendJoin(';', Demographics.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value)).Append('\n')
            .Append(Field).Append('\n').Append(Comment);
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
    }

    public int AnsweredItems => Answers.Count(c => c != '0');
}

/// <summary>Checks a submission against the slip's questionnaire version; messages in the citizen's language.</summary>
internal static class ResponseValidator
{
    public const string AtLeastOneKey = "answers";

    public static (ValidResponse? Response, Dictionary<string, string> Errors) Validate(
        QuestionnaireDefinition definition, ResponseInput input, Language language, IReadOnlyCollection<string> knownFields)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string Say(string vi, string en) => language == Language.En ? en : vi;

        foreach (var unknown in input.Answers.Keys.Where(k => definition.FindItem(k) is null))
            errors[unknown] = Say($"Câu hỏi '{Short(unknown)}' không có trong phiếu này.", $"'{Short(unknown)}' is not an item of this questionnaire.");
        var answers = new char[definition.Items.Count];
        foreach (var item in definition.Items)
        {
            var raw = input.Answers.GetValueOrDefault(item.Id)?.Trim();
            if (string.IsNullOrEmpty(raw))
            {
                answers[item.Index] = '0';
                if (item.Required) errors[item.Id] = Say("Vui lòng chọn một mức đánh giá cho câu này.", "Please choose a rating for this statement.");
                continue;
            }
            if (raw.Length == 1 && raw[0] is >= '1' and <= '5') answers[item.Index] = raw[0];
            else
            {
                answers[item.Index] = '0';
                errors[item.Id] = Say("Mức đánh giá phải là một số từ 1 đến 5.", "A rating must be a number from 1 to 5.");
            }
        }
        if (errors.Count == 0 && answers.All(c => c == '0'))
            errors[AtLeastOneKey] = Say("Vui lòng đánh giá ít nhất một câu trước khi gửi.", "Please rate at least one statement before sending.");

        string? expectations = null;
        if (definition.Expectations is { } block)
        {
            var digits = new char[block.Areas.Count];
            for (var i = 0; i < block.Areas.Count; i++)
            {
                var raw = input.Expectations.GetValueOrDefault(block.Areas[i].Id)?.Trim();
                digits[i] = '0';
                if (string.IsNullOrEmpty(raw)) continue;
                if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && block.Options.Any(o => o.Value == value)) digits[i] = (char)('0' + value);
                else errors["expectations." + block.Areas[i].Id] = Say("Lựa chọn không hợp lệ.", "Not one of the choices.");
            }
            if (digits.Any(d => d != '0')) expectations = new string(digits);
        }
        foreach (var unknown in input.Expectations.Keys.Where(k => definition.Expectations?.Areas.All(a => a.Id != k) ?? true))
            errors["expectations." + Short(unknown)] = Say("Nội dung mong đợi không có trong phiếu này.", "Not an expectation area of this questionnaire.");

        var demographics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (question, raw) in input.Demographics)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            var known = definition.Demographics?.Questions.FirstOrDefault(q => q.Id == question);
            if (known is null) errors["demographics." + Short(question)] = Say("Câu hỏi không có trong phiếu này.", "Not a question of this questionnaire.");
            else if (known.Options.All(o => o.Id != value)) errors["demographics." + question] = Say("Lựa chọn không hợp lệ.", "Not one of the choices.");
            else demographics[question] = value;
        }

        string? comment = null;
        if (!string.IsNullOrWhiteSpace(input.Comment))
        {
            if (definition.Comment is null) errors["comment"] = Say("Phiếu này không có mục ý kiến.", "This questionnaire takes no comment.");
            else if (!IsWellFormed(input.Comment)) errors["comment"] = Say("Ý kiến có ký tự không hợp lệ.", "The comment contains invalid characters.");
            else
            {
                comment = Clean(input.Comment);
                if (comment.Length > definition.Comment.MaxLength)
                    errors["comment"] = Say($"Ý kiến dài tối đa {definition.Comment.MaxLength} ký tự (hiện có {comment.Length}).",
                        $"Comments are limited to {definition.Comment.MaxLength} characters (this one has {comment.Length}).");
            }
        }

        string? field = null;
        // Text that is not Unicode at all (a lone surrogate) cannot be normalised: it is simply not one of the fields.
        var rawField = input.Field is { } typed && IsWellFormed(typed) ? typed.Trim().Normalize(NormalizationForm.FormC) : input.Field is null ? null : "\uFFFD";
        if (definition.FieldQuestion is { } fieldQuestion)
        {
            if (string.IsNullOrEmpty(rawField))
            {
                if (fieldQuestion.Required) errors["field"] = Say("Vui lòng chọn lĩnh vực/thủ tục đã giải quyết.", "Please choose the field or procedure handled.");
            }
            else if (knownFields.FirstOrDefault(f => string.Equals(f, rawField, StringComparison.OrdinalIgnoreCase)) is { } known) field = known;
            else errors["field"] = Say("Lĩnh vực không có trong danh sách.", "Not one of the listed fields.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidResponse(new string(answers), expectations, demographics, comment, field), errors);
    }

    /// <summary>No lone surrogates (text that is not Unicode at all).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(text[i])) return false;
        }
        return true;
    }

    /// <summary>NFC, line breaks as \n, other control characters dropped, trimmed. Markup and SQL stay as typed: they are data.</summary>
    public static string Clean(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Normalize(NormalizationForm.FormC);
        var kept = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
            if (c == '\n' || c == '\t' || !char.IsControl(c)) kept.Append(c);
        return kept.ToString().Trim();
    }

    private static string Short(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
