namespace Ember.Lab.Cost;

/// <summary>
/// Provisioned concurrency's prices per GB-second: the standing charge for every second an
/// environment is provisioned, and the (lower) duration price of invocations it serves.
/// </summary>
internal sealed record ProvisionedPrices(decimal StandingX86, decimal StandingArm, decimal DurationX86, decimal DurationArm)
{
    public decimal Standing(Architecture architecture) => architecture == Architecture.Arm64 ? StandingArm : StandingX86;

    public decimal Duration(Architecture architecture) => architecture == Architecture.Arm64 ? DurationArm : DurationX86;
}
