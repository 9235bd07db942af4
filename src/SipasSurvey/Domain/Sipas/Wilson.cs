namespace SipasSurvey.Domain.Sipas;

/// <summary>The Wilson score interval for a proportion: honest with small samples and near 0% or 100%.</summary>
internal static class Wilson
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>(low, high) in percent, or null when there is no observation.</summary>
    public static (double Low, double High)? Interval(long successes, long n, double z = Z95)
    {
        if (n <= 0) return null;
        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var margin = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - margin) * 100, Math.Min(1, centre + margin) * 100);
    }
}
