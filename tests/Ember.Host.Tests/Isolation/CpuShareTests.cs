using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

public sealed class CpuShareTests
{
    [Theory]
    [InlineData(128, 2, 1_447)]     // 7.2% of a 20 ms period
    [InlineData(1769, 2, 20_000)]   // one vCPU
    [InlineData(3008, 2, 34_008)]   // 1.70 vCPU
    [InlineData(10240, 2, 40_000)]  // capped at this machine's 2 CPUs
    [InlineData(10240, 64, 115_772)] // 5.79 vCPU: linear, under Lambda's cap of 6
    [InlineData(16, 2, 1_000)]      // the kernel's minimum quota
    public void QuotaMicroseconds_MemorySize_IsProportionalAndCapped(int memoryMb, int cpus, long expected)
    {
        Assert.Equal(expected, CpuShare.QuotaMicroseconds(memoryMb, cpus));
    }
}
