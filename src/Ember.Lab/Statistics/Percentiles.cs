namespace Ember.Lab.Statistics;

/// <summary>
/// Exact percentiles by the nearest-rank method: the p-th percentile of n sorted samples is the one at
/// rank ceil(p/100 × n) (1-based). It always returns a value that was measured, never an interpolation,
/// which is what <c>hey</c> and most load tools print.
/// </summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of <paramref name="sorted"/>, which must be sorted ascending.</summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.IsEmpty)
        {
            return 0;
        }

        // Rounding guards against 95/100*20 = 19.000000000000004 moving the rank up by one.
        var rank = (int)Math.Ceiling(Math.Round(percentile / 100.0 * sorted.Length, 9));
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>The median by linear interpolation between the two middle values (used for ratios, not latencies).</summary>
    public static double Median(ReadOnlySpan<double> sorted) => Quantile(sorted, 0.5);

    /// <summary>Linear-interpolated quantile q in [0, 1] (type 7, as R and NumPy default to), for spreads of a few ratios.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
