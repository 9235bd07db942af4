using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SipasSurvey.Web;

/// <summary>Markup that is already safe to emit: produced by <see cref="HtmlBuilder"/> or a trusted literal.</summary>
internal readonly record struct Html(string Value)
{
    public static readonly Html Empty = new("");

    public override string ToString() => Value;
}

/// <summary>
/// The one place pages are assembled. Interpolated holes are HTML-encoded unless they are
/// <see cref="Html"/>, so user text can never become markup by accident:
/// <c>b.Add($"&lt;p&gt;{comment}&lt;/p&gt;")</c> encodes <c>comment</c>.
/// </summary>
internal sealed class HtmlBuilder(int capacity = 2048)
{
    // All Unicode ranges allowed: Vietnamese letters stay as UTF-8 instead of &#x…; entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _text = new(capacity);

    public HtmlBuilder Add([InterpolatedStringHandlerArgument("")] ref HtmlHandler handler) => this;

    public HtmlBuilder Add(Html html)
    {
        _text.Append(html.Value);
        return this;
    }

    public HtmlBuilder Text(string? text)
    {
        AppendEncoded(text);
        return this;
    }

    public Html ToHtml() => new(_text.ToString());

    public override string ToString() => _text.ToString();

    public static string Encode(string? text) => text is null ? "" : Encoder.Encode(text);

    internal void AppendRaw(string text) => _text.Append(text);

    internal void AppendEncoded(string? text)
    {
        // HtmlEncoder returns the same instance when nothing needs escaping: no copy on the common path.
        if (!string.IsNullOrEmpty(text)) _text.Append(Encoder.Encode(text));
    }
}

[InterpolatedStringHandler]
internal readonly ref struct HtmlHandler
{
    private readonly HtmlBuilder _builder;

    public HtmlHandler(int literalLength, int formattedCount, HtmlBuilder builder)
    {
        _ = literalLength;
        _ = formattedCount;
        _builder = builder;
    }

    public void AppendLiteral(string literal) => _builder.AppendRaw(literal);

    public void AppendFormatted(Html html) => _builder.AppendRaw(html.Value);

    public void AppendFormatted(string? text) => _builder.AppendEncoded(text);

    public void AppendFormatted<T>(T value) =>
        _builder.AppendEncoded(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());

    public void AppendFormatted<T>(T value, string format) where T : IFormattable =>
        _builder.AppendEncoded(value.ToString(format, CultureInfo.InvariantCulture));
}
