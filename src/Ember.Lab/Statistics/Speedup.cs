namespace Ember.Lab.Statistics;

/// <summary>How many times faster a runtime is than the baseline: baseline ÷ runtime (2.0 = twice as fast, 0.5 = half as fast).</summary>
internal static class Speedup
{
    public static double Of(double baselineMs, double runtimeMs) =>
        runtimeMs > 0 && baselineMs > 0 ? baselineMs / runtimeMs : double.NaN;

    /// <summary>Pairs round r of the baseline with round r of the runtime; rounds missing on either side are skipped.</summary>
    public static IEnumerable<double> PerRound(IReadOnlyList<double> baselineRounds, IReadOnlyList<double> runtimeRounds)
    {
        var rounds = Math.Min(baselineRounds.Count, runtimeRounds.Count);
        for (var round = 0; round < rounds; round++)
        {
            yield return Of(baselineRounds[round], runtimeRounds[round]);
        }
    }
}
