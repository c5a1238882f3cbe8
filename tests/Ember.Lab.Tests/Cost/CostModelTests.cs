using Ember.Lab.Cost;

namespace Ember.Lab.Tests.Cost;

public sealed class CostModelTests
{
    private readonly CostModel _model = new(PriceTable.Default);

    [Fact]
    public void Default_PriceTable_IsTheDatedUsEast1Table()
    {
        var prices = PriceTable.Default;

        Assert.Equal("us-east-1", prices.Region);
        Assert.Equal(new DateOnly(2025, 8, 1), prices.EffectiveDate);
        Assert.Equal(0.20m, prices.RequestPricePerMillion);
        Assert.Equal(0.0000166667m, prices.GbSecondPriceX86);
        Assert.Equal(0.0000133334m, prices.GbSecondPriceArm);
        Assert.Equal(1, prices.BillingGranularityMs);
        Assert.True(prices.InitBilled);
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.2, 1)]
    [InlineData(1.0, 1)]
    [InlineData(2.10, 3)]
    [InlineData(10.0, 10)]
    [InlineData(10.01, 11)]
    public void BilledMs_RoundsUpToTheNextMillisecond(double duration, int billed)
    {
        Assert.Equal(billed, _model.BilledMs(duration));
    }

    [Fact]
    public void AverageBilledMs_RoundsEachInvocationBeforeAveraging()
    {
        // 1.2 → 2, 2.0 → 2, 0.1 → 1: 5 / 3, not ceil(average 1.1) = 2
        Assert.Equal(5m / 3m, _model.AverageBilledMs([1.2, 2.0, 0.1]));
        Assert.Equal(0m, _model.AverageBilledMs([]));
    }

    [Fact]
    public void PerMillion_Warm512MbTenMs_IsRequestChargePlusGbSeconds()
    {
        // 0.5 GB × 0.010 s = 0.005 GB-s per invocation, 5,000 GB-s per million
        Assert.Equal(0.20m + (5_000m * 0.0000166667m), _model.PerMillion(Architecture.X86_64, 512, 10m));
        Assert.Equal(0.2833335m, _model.PerMillion(Architecture.X86_64, 512, 10m));
        Assert.Equal(0.266667m, _model.PerMillion(Architecture.Arm64, 512, 10m));
    }

    [Fact]
    public void PerMillion_WithColdStarts_BillsInitForTheColdFraction()
    {
        // 1% cold with 200 ms init adds 2 ms per invocation on average: 0.5 GB × 0.012 s × 1e6 = 6,000 GB-s
        Assert.Equal(0.3000002m, _model.PerMillion(Architecture.X86_64, 512, 10m, averageBilledInitMs: 200m, coldFraction: 0.01m));

        // Every invocation cold, 128 MB, 3 ms + 164 ms init: 0.125 × 0.167 × 1e6 = 20,875 GB-s
        Assert.Equal(0.20m + (20_875m * 0.0000133334m), _model.PerMillion(Architecture.Arm64, 128, 3m, 164m, 1m));
    }

    [Fact]
    public void PerMillion_InitNotBilled_IgnoresInit()
    {
        var before = new CostModel(PriceTable.Default with { InitBilled = false });

        Assert.Equal(0.2833335m, before.PerMillion(Architecture.X86_64, 512, 10m, 200m, 1m));
    }

    [Fact]
    public void PerMillion_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _model.PerMillion(Architecture.X86_64, 0, 1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => _model.PerMillion(Architecture.X86_64, 512, 1m, 1m, 1.5m));
    }
}
