namespace Ember.Lab.Statistics;

/// <summary>
/// Records every latency sample and summarises them exactly. An exact sorted array, not an HDR histogram:
/// the lab takes at most a few thousand samples per cell (200 warm requests, 10 cold starts), which sort
/// in microseconds, and exact values let the report, the CSV and the tests agree to the last digit.
/// Not thread-safe: the load generator records per request into its own array and hands them over whole.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _samples = [];
    private int _errors;

    public int Count => _samples.Count;

    public int Errors => _errors;

    public IReadOnlyList<double> Samples => _samples;

    public void Record(double latencyMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(latencyMs);
        _samples.Add(latencyMs);
    }

    public void RecordError() => _errors++;

    public LatencySummary Summarize() => Summarize(_samples, _errors);

    public static LatencySummary Summarize(IEnumerable<double> latenciesMs, int errors = 0)
    {
        var sorted = latenciesMs.ToArray();
        if (sorted.Length == 0)
        {
            return LatencySummary.Empty(errors);
        }

        Array.Sort(sorted);
        return new LatencySummary(
            Count: sorted.Length,
            Errors: errors,
            AverageMs: sorted.Average(),
            MinMs: sorted[0],
            P50Ms: Percentiles.NearestRank(sorted, 50),
            P95Ms: Percentiles.NearestRank(sorted, 95),
            P99Ms: Percentiles.NearestRank(sorted, 99),
            MaxMs: sorted[^1]);
    }
}
