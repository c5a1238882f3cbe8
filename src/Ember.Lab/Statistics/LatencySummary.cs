namespace Ember.Lab.Statistics;

/// <summary>
/// What a set of request latencies comes to, in milliseconds. Percentiles are exact (nearest rank over
/// every successful sample); <see cref="Count"/> counts the successful samples the figures are from.
/// </summary>
internal sealed record LatencySummary(
    int Count,
    int Errors,
    double AverageMs,
    double MinMs,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs)
{
    /// <summary>p99 − p95: how far the far tail sits above the usual slow request.</summary>
    public double TailSpreadMs => P99Ms - P95Ms;

    public static LatencySummary Empty(int errors = 0) => new(0, errors, 0, 0, 0, 0, 0, 0);
}
