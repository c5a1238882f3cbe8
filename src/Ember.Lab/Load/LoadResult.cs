using Ember.Lab.Statistics;

namespace Ember.Lab.Load;

/// <summary>Every request of one load run, in the order they were started, and the wall time the run took.</summary>
internal sealed record LoadResult(IReadOnlyList<RequestSample> Samples, TimeSpan Elapsed)
{
    public int Errors => Samples.Count(s => !s.IsSuccess);

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Samples.Count / Elapsed.TotalSeconds : 0;

    /// <summary>Latency summary over the successful requests; failures are counted in <see cref="LatencySummary.Errors"/>.</summary>
    public LatencySummary Summarize() =>
        LatencyRecorder.Summarize(Samples.Where(s => s.IsSuccess).Select(s => s.LatencyMs), Errors);

    public IReadOnlyDictionary<int, int> StatusCounts =>
        Samples.GroupBy(s => s.StatusCode).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
}
