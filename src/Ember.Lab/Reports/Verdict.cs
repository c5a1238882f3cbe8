namespace Ember.Lab.Reports;

/// <summary>
/// Which runtime gives the fastest cold start (Init plus the first invocation's Duration) at one memory size and
/// payload: measured here, and on AWS by the estimate (<see cref="Estimate.AwsEstimateModel"/>), and whether the two agree.
/// </summary>
internal sealed record Verdict(
    int MemoryMb,
    int PayloadEvents,
    string HereRuntime,
    double HereColdStartMs,
    string AwsRuntime,
    double AwsColdStartMs,
    bool Agree)
{
    /// <summary>One verdict per memory size and payload where at least two runtimes have both figures.</summary>
    public static IReadOnlyList<Verdict> Of(LabResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var verdicts = new List<Verdict>();
        foreach (var cell in results.Cold.GroupBy(r => (r.MemoryMb, r.PayloadEvents)).OrderBy(g => g.Key.MemoryMb).ThenBy(g => g.Key.PayloadEvents))
        {
            var both = cell
                .Where(r => r.Server.InitDurationAvgMs is not null && r.AwsEstimate is not null)
                .Select(r => (r.Runtime, Here: r.Server.InitDurationAvgMs!.Value + r.Server.DurationAvgMs, Aws: r.AwsEstimate!.InitMs + r.AwsEstimate.FirstDurationMs))
                .ToList();
            if (both.Count < 2)
            {
                continue;
            }
            var here = both.MinBy(r => r.Here);
            var aws = both.MinBy(r => r.Aws);
            verdicts.Add(new Verdict(cell.Key.MemoryMb, cell.Key.PayloadEvents, here.Runtime, Math.Round(here.Here, 2), aws.Runtime, Math.Round(aws.Aws, 2),
                here.Runtime == aws.Runtime));
        }
        return verdicts;
    }
}
