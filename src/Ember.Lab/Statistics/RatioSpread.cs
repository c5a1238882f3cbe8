namespace Ember.Lab.Statistics;

/// <summary>
/// A ratio between two runtimes together with how much it moved from round to round: the median of the
/// per-round ratios, their interquartile range and their extremes. A ratio whose min–max straddles 1 is
/// not a result.
/// </summary>
internal sealed record RatioSpread(double Overall, int Rounds, double Median, double Q1, double Q3, double Min, double Max)
{
    public static RatioSpread FromRounds(double overall, IEnumerable<double> perRoundRatios)
    {
        var sorted = perRoundRatios.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new RatioSpread(overall, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new RatioSpread(
            overall,
            sorted.Length,
            Percentiles.Median(sorted),
            Percentiles.Quantile(sorted, 0.25),
            Percentiles.Quantile(sorted, 0.75),
            sorted[0],
            sorted[^1]);
    }
}
