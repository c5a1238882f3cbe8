namespace Ember.Lab.Tuning;

/// <summary>
/// Picks the cheapest, the fastest and a balanced memory size from a run's points, as AWS Lambda
/// Power Tuning's strategies do, among the sizes whose every invocation succeeded. Cost is the x86_64
/// cost per million warm invocations; speed the average warm Duration; ties go to the smaller size.
/// </summary>
internal static class TuneRecommender
{
    public const string BalancedDefinition =
        "the size with the lowest 0.5 × cost ÷ highest cost + 0.5 × average Duration ÷ highest average Duration (both over the sizes without errors)";

    public static TuneRecommendation Recommend(IReadOnlyList<TunePoint> points)
    {
        var ok = points.Where(p => p.Errors == 0 && p.Invocations > 0).OrderBy(p => p.MemoryMb).ToList();
        if (ok.Count == 0)
        {
            return new TuneRecommendation(null, null, null, BalancedDefinition);
        }
        var maxCost = Math.Max(ok.Max(p => (double)p.CostPerMillionUsd.X86_64), double.Epsilon);
        var maxDuration = Math.Max(ok.Max(p => p.AvgDurationMs), double.Epsilon);
        return new TuneRecommendation(
            MinBy(ok, p => (double)p.CostPerMillionUsd.X86_64),
            MinBy(ok, p => p.AvgDurationMs),
            MinBy(ok, p => 0.5 * (double)p.CostPerMillionUsd.X86_64 / maxCost + 0.5 * p.AvgDurationMs / maxDuration),
            BalancedDefinition);
    }

    /// <summary>The smallest memory size among those with the lowest score.</summary>
    private static int MinBy(List<TunePoint> points, Func<TunePoint, double> score)
    {
        var best = points[0];
        foreach (var point in points.Skip(1))
        {
            if (score(point) < score(best))
            {
                best = point;
            }
        }
        return best.MemoryMb;
    }
}
