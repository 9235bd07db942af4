using System.Collections.Concurrent;
using SipasSurvey.Domain.Questionnaires;

namespace SipasSurvey.Features.Survey;

/// <summary>What the citizen already chose, to show back after an error.</summary>
internal sealed record FormValues(
    IReadOnlyDictionary<string, string?> Answers,
    IReadOnlyDictionary<string, string?> Expectations,
    IReadOnlyDictionary<string, string?> Demographics,
    string? Comment,
    string? Field)
{
    public static readonly FormValues Empty = new(
        new Dictionary<string, string?>(), new Dictionary<string, string?>(), new Dictionary<string, string?>(), null, null);

    public bool IsEmpty => Answers.Count == 0 && Expectations.Count == 0 && Demographics.Count == 0 && Comment is null && Field is null;
}

/// <summary>The form shown on a counter's kiosk: it names its slip (the page's address does not) and carries the antiforgery field.</summary>
internal sealed record KioskForm(long CounterId, long SlipId, Html Antiforgery);

internal sealed record SurveyContext(long CounterId, string CommuneName, string CounterName, QuestionnaireDefinition Definition, long VersionId,
    string? SlipField, bool Unverified, IReadOnlyList<string> Fields);

/// <summary>
/// The survey form, server-rendered. It works without JavaScript; /assets/form.js only adds
/// double-tap protection and retry when the service is busy. The blank item list of each version
/// and language is rendered once and reused: most page loads only fill in the header.
/// </summary>
internal static class SurveyPage
{
    private static readonly ConcurrentDictionary<(long, Language), string> BlankItems = new();
    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

    public static string Form(SurveyContext survey, Language language, FormValues values, IReadOnlyDictionary<string, string> errors, string? notice = null,
        KioskForm? kiosk = null)
    {
        var t = new Texts(language);
        var definition = survey.Definition;
        var b = new HtmlBuilder(24_000);
        if (kiosk is not null) b.Add($"<div id=\"kiosk\" data-state=\"form\" data-home=\"{CounterRoutes.KioskPath(kiosk.CounterId)}\" hidden></div>");
        // Nothing in the page names the slip: the form posts back to its own address and the language
        // links are relative, so a blank form is the same for every slip of a counter (see SurveyPageCache).
        b.Add($"<p class=\"lang\">{(language == Language.En ? new HtmlBuilder().Add($"<a href=\"?lang=vi\" lang=\"vi\" hreflang=\"vi\">Tiếng Việt</a>").ToHtml() : new HtmlBuilder().Add($"<a href=\"?lang=en\" lang=\"en\" hreflang=\"en\">English</a>").ToHtml())}</p>");
        b.Add($"<h1>{t.Heading}</h1><p><b>{survey.CommuneName}</b><br>{survey.CounterName}</p>");
        if (survey.Unverified) b.Add($"<p class=\"muted\">{t.Unverified}</p>");
        b.Add($"<p class=\"muted\">{t.Intro}</p>");
        if (notice is not null) b.Add($"<div class=\"alert\" role=\"alert\">{notice}</div>");
        if (errors.Count > 0)
        {
            b.Add($"<div class=\"alert\" role=\"alert\" id=\"errors\"><p>{t.FixErrors}</p><ul>");
            foreach (var (key, message) in errors) b.Add($"<li><a href=\"#{Anchor(key)}\">{Label(definition, key, language)}</a>: {message}</li>");
            b.Add($"</ul></div>");
        }
        // On the shared kiosk tablet the browser must not remember or offer one citizen's answers to the next.
        b.Add($"<form method=\"post\" data-survey data-sending=\"{t.Sending}\" data-retrying=\"{t.Retrying}\" data-offline=\"{t.Offline}\" novalidate{new Html(kiosk is null ? "" : " autocomplete=\"off\"")}>");
        b.Add($"<input type=\"hidden\" name=\"lang\" value=\"{(language == Language.En ? "en" : "vi")}\">");
        if (kiosk is not null) b.Add($"<input type=\"hidden\" name=\"slip\" value=\"{kiosk.SlipId.ToString(CultureInfo.InvariantCulture)}\">{kiosk.Antiforgery}");
        if (definition.Instructions is { } instructions) b.Add($"<p>{instructions.In(language)}</p>");
        if (definition.FieldQuestion is { } fieldQuestion) FieldQuestion(b, survey, fieldQuestion, values.Field ?? survey.SlipField, errors.GetValueOrDefault("field"), t, language);

        if (values.IsEmpty && errors.Count == 0)
            b.Add(new Html(BlankItems.GetOrAdd((survey.VersionId, language), _ => Items(definition, language, FormValues.Empty, new Dictionary<string, string>()))));
        else
            b.Add(new Html(Items(definition, language, values, errors)));

        b.Add($"<div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">Website</label><input type=\"text\" id=\"website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>");
        b.Add($"<p id=\"status\" role=\"status\" aria-live=\"polite\"></p><button type=\"submit\" class=\"submit\">{t.Send}</button></form>");
        return Layout.Document(language == Language.En ? "en" : "vi", t.Title(survey.CommuneName), b.ToHtml(), script: Web.Assets.FormScriptPath,
            secondScript: kiosk is null ? null : Web.Assets.KioskScriptPath);
    }

    private static void FieldQuestion(HtmlBuilder b, SurveyContext survey, FieldQuestion question, string? selected, string? error, Texts t, Language language)
    {
        var invalid = error is not null;
        b.Add($"<div class=\"{(invalid ? "invalid" : "")}\" id=\"q-field\"><label class=\"field\" for=\"field\">{question.Label.In(language)}{(question.Required ? t.RequiredMark : "")}</label>");
        b.Add($"<select id=\"field\" name=\"field\"{new Html(question.Required ? " required" : "")}{new Html(invalid ? " aria-invalid=\"true\" aria-describedby=\"e-field\"" : "")}><option value=\"\">{t.Choose}</option>");
        foreach (var field in survey.Fields)
            b.Add($"<option{new Html(string.Equals(field, selected, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{field}</option>");
        b.Add($"</select>");
        if (error is not null) b.Add($"<p class=\"error\" id=\"e-field\">{error}</p>");
        b.Add($"</div>");
    }

    private static string Items(QuestionnaireDefinition definition, Language language, FormValues values, IReadOnlyDictionary<string, string> errors)
    {
        var t = new Texts(language);
        var b = new HtmlBuilder(16_000);
        var number = 0;
        for (var c = 0; c < definition.Components.Count; c++)
        {
            var component = definition.Components[c];
            b.Add($"<section class=\"component\"><h2>{Roman[Math.Min(c, Roman.Length - 1)]}. {component.Label.In(language)}</h2>");
            foreach (var item in component.Items)
            {
                number++;
                var error = errors.GetValueOrDefault(item.Id);
                var chosen = values.Answers.GetValueOrDefault(item.Id);
                b.Add($"<fieldset id=\"q-{item.Id}\"{new Html(error is null ? "" : $" class=\"invalid\" aria-describedby=\"e-{item.Id}\"")}><legend>{number}. {item.Text.In(language)}{(item.Required ? t.RequiredMark : "")}</legend>");
                if (error is not null) b.Add($"<p class=\"error\" id=\"e-{item.Id}\">{error}</p>");
                b.Add($"<div class=\"scale\">");
                foreach (var point in definition.Scale)
                {
                    var value = point.Value.ToString(CultureInfo.InvariantCulture);
                    b.Add($"<label><input type=\"radio\" name=\"{item.Id}\" value=\"{value}\"{new Html(chosen == value ? " checked" : "")}><b>{value}</b> {point.Label.In(language)}</label>");
                }
                b.Add($"</div></fieldset>");
            }
            b.Add($"</section>");
        }
        if (definition.Expectations is { } expectations)
        {
            var open = errors.Keys.Any(k => k.StartsWith("expectations.", StringComparison.Ordinal)) || values.Expectations.Count > 0;
            b.Add($"<details{new Html(open ? " open" : "")}><summary>{expectations.Label.In(language)} {t.Optional}</summary>");
            foreach (var area in expectations.Areas)
            {
                var name = "x." + area.Id;
                var chosen = values.Expectations.GetValueOrDefault(area.Id);
                b.Add($"<fieldset id=\"q-{name}\"><legend>{area.Label.In(language)}</legend><div class=\"choices\">");
                foreach (var option in expectations.Options)
                {
                    var value = option.Value.ToString(CultureInfo.InvariantCulture);
                    b.Add($"<label><input type=\"radio\" name=\"{name}\" value=\"{value}\"{new Html(chosen == value ? " checked" : "")}>{option.Label.In(language)}</label>");
                }
                b.Add($"</div></fieldset>");
            }
            b.Add($"</details>");
        }
        if (definition.Demographics is { } demographics)
        {
            var open = values.Demographics.Count > 0;
            b.Add($"<details{new Html(open ? " open" : "")}><summary>{demographics.Label.In(language)}</summary>");
            foreach (var question in demographics.Questions)
            {
                var name = "d." + question.Id;
                var chosen = values.Demographics.GetValueOrDefault(question.Id);
                b.Add($"<fieldset id=\"q-{name}\"><legend>{question.Label.In(language)}</legend><div class=\"choices\">");
                foreach (var option in question.Options)
                    b.Add($"<label><input type=\"radio\" name=\"{name}\" value=\"{option.Id}\"{new Html(chosen == option.Id ? " checked" : "")}>{option.Label.In(language)}</label>");
                b.Add($"</div></fieldset>");
            }
            b.Add($"</details>");
        }
        if (definition.Comment is { } comment)
        {
            var error = errors.GetValueOrDefault("comment");
            b.Add($"<div id=\"q-comment\"{new Html(error is null ? "" : " class=\"invalid\"")}><label class=\"field\" for=\"comment\">{comment.Label.In(language)} {t.Optional}</label>");
            if (error is not null) b.Add($"<p class=\"error\" id=\"e-comment\">{error}</p>");
            b.Add($"<textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"{comment.MaxLength}\"{new Html(error is null ? "" : " aria-invalid=\"true\" aria-describedby=\"e-comment\"")}>{values.Comment}</textarea></div>");
        }
        return b.ToString();
    }

    /// <summary>
    /// The page for a slip that cannot be answered (or has been), with its status: unknown 404, revoked
    /// or expired 410, answered 200 ("thank you"). The one place a slip's state becomes a citizen's page.
    /// </summary>
    public static (int Status, string Html) ForState(Language language, LoadedSurvey? survey, bool sent)
    {
        var t = new Texts(language);
        return survey?.State switch
        {
            null => (404, State(language, t.UnknownTitle, t.Unknown, offerCode: true)),
            Slips.SlipState.Answered => (200, State(language, t.ThanksTitle, sent ? t.ThanksSent : t.AlreadyAnswered)),
            Slips.SlipState.Revoked => (410, State(language, t.RevokedTitle, t.Revoked)),
            Slips.SlipState.Expired => (410, State(language, t.ExpiredTitle, t.Expired(Vietnamese.Date(Domain.Time.VietnamTime.DateOf(survey.Slip.ExpiresAt))))),
            _ => throw new InvalidOperationException("an unused slip shows its form"),
        };
    }

    /// <summary>The short pages for a slip that cannot be answered (or has been): one message, nothing to fill in.</summary>
    public static string State(Language language, string title, string message, bool offerCode = false)
    {
        var t = new Texts(language);
        var b = new HtmlBuilder().Add($"<h1>{title}</h1><p>{message}</p>");
        if (offerCode) b.Add($"<p><a href=\"{CitizenRoutes.EnterCode}\">{t.EnterCode}</a></p>");
        return Layout.Document(language == Language.En ? "en" : "vi", title, b.ToHtml());
    }

    private static string Anchor(string key) => key switch
    {
        ResponseErrorKeys.Answers => "q-" + "answers",
        _ when key.StartsWith("expectations.", StringComparison.Ordinal) => "q-x." + key["expectations.".Length..],
        _ when key.StartsWith("demographics.", StringComparison.Ordinal) => "q-d." + key["demographics.".Length..],
        _ => "q-" + key,
    };

    private static string Label(QuestionnaireDefinition definition, string key, Language language)
    {
        if (definition.FindItem(key) is { } item) return (language == Language.En ? "Statement " : "Câu ") + (item.Index + 1).ToString(CultureInfo.InvariantCulture);
        return key switch
        {
            "field" => definition.FieldQuestion?.Label.In(language) ?? key,
            "comment" => definition.Comment?.Label.In(language) ?? key,
            ResponseErrorKeys.Answers => language == Language.En ? "Ratings" : "Đánh giá",
            _ => language == Language.En ? "Answer" : "Câu trả lời",
        };
    }
}

internal static class ResponseErrorKeys
{
    public const string Answers = Domain.Responses.ResponseValidator.AtLeastOneKey;
}
