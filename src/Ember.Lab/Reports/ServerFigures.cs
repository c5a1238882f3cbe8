namespace Ember.Lab.Reports;

/// <summary>The REPORT figures of one cell, summarised: averages, p95 and the peak memory.</summary>
internal sealed record ServerFigures(
    int Reports,
    double DurationAvgMs,
    double DurationP95Ms,
    double BilledDurationAvgMs,
    double MaxMemoryUsedMb,
    double? InitDurationAvgMs)
{
    public static ServerFigures None { get; } = new(0, 0, 0, 0, 0, null);
}
