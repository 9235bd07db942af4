namespace SipasSurvey.Web;

internal sealed record ChartPoint(string Label, double? Value, double? Low, double? High);

/// <summary>
/// Small server-rendered SVG charts a leader can read on a phone: no script, no external library,
/// presentation attributes only (the CSP allows no style attributes). Each chart has a title and a
/// description for screen readers; the page also shows the same figures as a table.
/// </summary>
internal static class Charts
{
    // Laid out at phone width, so 12-unit text is 12 px on the phone the leader holds.
    private const int Width = 360, Height = 200, Left = 38, Right = 8, Top = 10, Bottom = 28;

    public static Html Trend(string id, string title, string description, IReadOnlyList<ChartPoint> points)
    {
        var b = new HtmlBuilder(8192);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (points.Count <= 1 ? plotWidth / 2.0 : i * plotWidth / (double)(points.Count - 1));
        double Y(double value) => Top + plotHeight * (1 - Math.Clamp(value, 0, 100) / 100.0);
        b.Add($"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">");
        b.Add($"<title id=\"{id}-t\">{title}</title><desc id=\"{id}-d\">{description}</desc>");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
            b.Add($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/><text x=\"{Left - 6}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#444\">{tick}%</text>");
        // The 95% interval as a band: wide where a day had few answers.
        var band = Enumerable.Range(0, points.Count).Where(i => points[i].Low is not null).ToList();
        if (band.Count > 1)
        {
            var upper = band.Select(i => $"{N(X(i))},{N(Y(points[i].High!.Value))}");
            var lower = band.AsEnumerable().Reverse().Select(i => $"{N(X(i))},{N(Y(points[i].Low!.Value))}");
            b.Add($"<polygon points=\"{string.Join(' ', upper.Concat(lower))}\" fill=\"#c9dcf7\" stroke=\"none\"/>");
        }
        var segments = new List<List<int>>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is null) { segments.Add([]); continue; }
            if (segments.Count == 0 || segments[^1].Count == 0 && (i == 0 || points[i - 1].Value is null)) segments.Add([]);
            segments[^1].Add(i);
        }
        foreach (var segment in segments.Where(s => s.Count > 0))
        {
            b.Add($"<polyline points=\"{string.Join(' ', segment.Select(i => $"{N(X(i))},{N(Y(points[i].Value!.Value))}"))}\" fill=\"none\" stroke=\"#0b3d91\" stroke-width=\"2.5\"/>");
            foreach (var i in segment) b.Add($"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(points[i].Value!.Value))}\" r=\"2.5\" fill=\"#0b3d91\"/>");
        }
        var step = Math.Max(1, (int)Math.Ceiling(points.Count / 5.0));
        for (var i = 0; i < points.Count; i += step)
            b.Add($"<text x=\"{N(X(i))}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#444\">{points[i].Label}</text>");
        b.Add($"</svg>");
        return b.ToHtml();
    }

    public static Html Bars(string id, string title, IReadOnlyList<(string Label, double? Value)> bars)
    {
        // Label above its bar: long Vietnamese component names need the whole width.
        const int barHeight = 18, labelHeight = 16, gap = 10;
        var height = bars.Count * (labelHeight + barHeight + gap) + gap;
        var plot = Width - 64;
        var b = new HtmlBuilder(4096);
        b.Add($"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-t\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-t\">{title}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var top = gap + i * (labelHeight + barHeight + gap);
            var y = top + labelHeight;
            var (label, value) = bars[i];
            b.Add($"<text x=\"0\" y=\"{top + 12}\" font-size=\"13\" fill=\"#1b1b1b\">{(label.Length > 50 ? label[..49] + "…" : label)}</text>");
            b.Add($"<rect x=\"0\" y=\"{y}\" width=\"{plot}\" height=\"{barHeight}\" fill=\"#eef1f6\"/>");
            if (value is { } v)
                b.Add($"<rect x=\"0\" y=\"{y}\" width=\"{N(plot * Math.Clamp(v, 0, 100) / 100)}\" height=\"{barHeight}\" fill=\"{(v >= 80 ? "#1b6e3a" : v >= 60 ? "#0b3d91" : "#a3141e")}\"/>");
            b.Add($"<text x=\"{plot + 6}\" y=\"{y + 14}\" font-size=\"13\" fill=\"#1b1b1b\">{Vietnamese.Percent(value)}</text>");
        }
        b.Add($"</svg>");
        return b.ToHtml();
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
