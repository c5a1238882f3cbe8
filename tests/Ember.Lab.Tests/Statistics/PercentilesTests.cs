using Ember.Lab.Statistics;

namespace Ember.Lab.Tests.Statistics;

public sealed class PercentilesTests
{
    [Fact]
    public void Summarize_OneToThousandShuffled_GivesNearestRankPercentiles()
    {
        // Given the integers 1..1000 in random order
        var samples = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        new Random(7).Shuffle(samples);

        // When summarised
        var summary = LatencyRecorder.Summarize(samples, errors: 2);

        // Then every figure is the exact nearest-rank value
        Assert.Equal(1000, summary.Count);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(500.5, summary.AverageMs);
        Assert.Equal(1, summary.MinMs);
        Assert.Equal(500, summary.P50Ms);
        Assert.Equal(950, summary.P95Ms);
        Assert.Equal(990, summary.P99Ms);
        Assert.Equal(1000, summary.MaxMs);
        Assert.Equal(40, summary.TailSpreadMs);
    }

    [Theory]
    [InlineData(20, 95, 19)]
    [InlineData(20, 99, 20)]
    [InlineData(20, 50, 10)]
    [InlineData(3, 50, 2)]
    [InlineData(1, 99, 1)]
    [InlineData(200, 95, 190)]
    [InlineData(200, 99, 198)]
    public void NearestRank_SmallCounts_PicksRankCeilingOfPTimesN(int count, double percentile, double expected)
    {
        // Given 1..count sorted
        var sorted = Enumerable.Range(1, count).Select(i => (double)i).ToArray();

        // When / Then: rank ceil(p/100 × n), with no floating-point drift to the next rank
        Assert.Equal(expected, Percentiles.NearestRank(sorted, percentile));
    }

    [Fact]
    public void Summarize_ExponentialQuantiles_MatchesTheDistribution()
    {
        // Given 10,000 samples at the exact quantiles of an exponential distribution with mean 120 ms
        const int n = 10_000;
        var samples = Enumerable.Range(1, n).Select(i => -120 * Math.Log(1 - ((i - 0.5) / n))).ToArray();

        // When summarised
        var summary = LatencyRecorder.Summarize(samples);

        // Then the percentiles are those of Exp(120): median 120·ln 2, p95 120·ln 20, p99 120·ln 100
        Assert.Equal(120 * Math.Log(2), summary.P50Ms, tolerance: 0.05);
        Assert.Equal(120 * Math.Log(20), summary.P95Ms, tolerance: 0.3);
        Assert.Equal(120 * Math.Log(100), summary.P99Ms, tolerance: 1.5);
        Assert.Equal(120, summary.AverageMs, tolerance: 0.5);
    }

    [Fact]
    public void Summarize_NoSamples_IsAllZeroWithItsErrors()
    {
        var summary = LatencyRecorder.Summarize([], errors: 3);

        Assert.Equal(LatencySummary.Empty(3), summary);
    }

    [Fact]
    public void LatencyRecorder_RecordsAndCountsErrors()
    {
        // Given a recorder fed three latencies and one failure
        var recorder = new LatencyRecorder();
        recorder.Record(3);
        recorder.Record(1);
        recorder.Record(2);
        recorder.RecordError();

        // When summarised
        var summary = recorder.Summarize();

        // Then
        Assert.Equal(3, summary.Count);
        Assert.Equal(1, summary.Errors);
        Assert.Equal(2, summary.P50Ms);
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Record(-1));
    }

    [Fact]
    public void Quantile_EvenCount_InterpolatesBetweenTheMiddleValues()
    {
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(2.5, Percentiles.Median(sorted));
        Assert.Equal(1.75, Percentiles.Quantile(sorted, 0.25));
        Assert.Equal(3.25, Percentiles.Quantile(sorted, 0.75));
    }
}
