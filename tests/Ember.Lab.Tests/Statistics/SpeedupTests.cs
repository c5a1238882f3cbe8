using Ember.Lab.Statistics;

namespace Ember.Lab.Tests.Statistics;

public sealed class SpeedupTests
{
    [Fact]
    public void Of_BaselineSlower_IsAboveOne()
    {
        Assert.Equal(4.0, Speedup.Of(baselineMs: 40, runtimeMs: 10));
        Assert.Equal(0.5, Speedup.Of(baselineMs: 10, runtimeMs: 20));
        Assert.True(double.IsNaN(Speedup.Of(10, 0)));
    }

    [Fact]
    public void PerRound_PairsRoundsInOrder_AndStopsAtTheShorterList()
    {
        var ratios = Speedup.PerRound([10, 20, 30, 40], [5, 10, 10]).ToArray();

        Assert.Equal([2.0, 2.0, 3.0], ratios);
    }

    [Fact]
    public void RatioSpread_FromRounds_GivesMedianQuartilesAndRange()
    {
        // Given five per-round ratios, one of them not a number (a round with no success)
        double[] perRound = [2.0, 1.0, 3.0, double.NaN, 4.0, 5.0];

        // When their spread is taken
        var spread = RatioSpread.FromRounds(overall: 2.9, perRound);

        // Then the NaN is left out and the rest summarised
        Assert.Equal(new RatioSpread(2.9, 5, 3.0, 2.0, 4.0, 1.0, 5.0), spread);
    }

    [Fact]
    public void RatioSpread_NoRounds_HasNaNSpreadButKeepsTheOverallRatio()
    {
        var spread = RatioSpread.FromRounds(1.5, []);

        Assert.Equal(1.5, spread.Overall);
        Assert.Equal(0, spread.Rounds);
        Assert.True(double.IsNaN(spread.Median));
    }
}
