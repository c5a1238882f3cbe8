namespace Ember.Lab.Cost;

/// <summary>
/// Lambda's bill for a million invocations: the request charge plus GB-seconds of billed duration, plus
/// GB-seconds of billed init for the fraction of invocations that were cold starts (billed since
/// 1 August 2025). Each duration is rounded up to the billing granularity (1 ms) per invocation,
/// so the average billed duration is computed from the per-invocation billed figures, not from an average.
/// Arithmetic in <see cref="decimal"/> so the tests can check it to the last digit.
/// </summary>
internal sealed class CostModel(PriceTable prices)
{
    private const decimal MegabytesPerGigabyte = 1024m;
    private const decimal Million = 1_000_000m;

    public PriceTable Prices { get; } = prices;

    /// <summary>A duration as Lambda bills it: rounded up to the next granularity step, at least one step.</summary>
    public decimal BilledMs(double durationMs)
    {
        var step = (decimal)Prices.BillingGranularityMs;
        var steps = Math.Ceiling((decimal)Math.Max(durationMs, 0) / step);
        return Math.Max(steps, 1) * step;
    }

    /// <summary>The average billed duration of a set of invocations, each rounded up on its own.</summary>
    public decimal AverageBilledMs(IEnumerable<double> durationsMs)
    {
        var count = 0;
        var total = 0m;
        foreach (var duration in durationsMs)
        {
            total += BilledMs(duration);
            count++;
        }

        return count == 0 ? 0 : total / count;
    }

    /// <summary>
    /// Cost in dollars of one million invocations of a function of <paramref name="memoryMb"/> whose
    /// invocations are billed <paramref name="averageBilledMs"/> on average, a <paramref name="coldFraction"/>
    /// of which also pay <paramref name="averageBilledInitMs"/> of init.
    /// </summary>
    public decimal PerMillion(Architecture architecture, int memoryMb, decimal averageBilledMs, decimal averageBilledInitMs = 0, decimal coldFraction = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        ArgumentOutOfRangeException.ThrowIfNegative(averageBilledMs);
        ArgumentOutOfRangeException.ThrowIfNegative(averageBilledInitMs);
        ArgumentOutOfRangeException.ThrowIfNegative(coldFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coldFraction, 1m);

        var gigabytes = memoryMb / MegabytesPerGigabyte;
        var initMs = Prices.InitBilled ? averageBilledInitMs * coldFraction : 0;
        var gbSecondsPerInvocation = gigabytes * (averageBilledMs + initMs) / 1000m;
        return Prices.RequestPricePerMillion + gbSecondsPerInvocation * Million * Prices.GbSecondPrice(architecture);
    }

    /// <summary>
    /// A million invocations served by provisioned environments: the request charge plus their billed
    /// duration at the provisioned duration price (no init: it happened before they were provisioned).
    /// </summary>
    public decimal ProvisionedPerMillion(Architecture architecture, int memoryMb, decimal averageBilledMs)
    {
        var prices = Prices.Provisioned ?? throw new InvalidOperationException("The price table has no provisioned concurrency prices.");
        return Prices.RequestPricePerMillion + memoryMb / MegabytesPerGigabyte * averageBilledMs / 1000m * Million * prices.Duration(architecture);
    }

    /// <summary>The standing charge of one provisioned environment of <paramref name="memoryMb"/> for an hour, served or not.</summary>
    public decimal ProvisionedPerEnvironmentHour(Architecture architecture, int memoryMb)
    {
        var prices = Prices.Provisioned ?? throw new InvalidOperationException("The price table has no provisioned concurrency prices.");
        return memoryMb / MegabytesPerGigabyte * 3600m * prices.Standing(architecture);
    }
}
