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

    [Theory]
    [InlineData(128, 2)]
    [InlineData(1769, 2)]
    [InlineData(3008, 2)]
    [InlineData(3009, 3)]
    [InlineData(5307, 3)]
    [InlineData(5308, 4)]
    [InlineData(7077, 5)]
    [InlineData(8846, 6)]
    [InlineData(10240, 6)]
    public void EnvironmentVcpus_MemorySize_IsLambdasMicroVmSize(int memoryMb, int vcpus)
    {
        Assert.Equal(vcpus, CpuShare.EnvironmentVcpus(memoryMb));
    }

    [Theory]
    [InlineData(128, 2, 40_000)]    // init of a 128 MB function: both of this machine's CPUs, not 7%
    [InlineData(128, 1, 20_000)]    // capped at the machine
    [InlineData(10240, 64, 120_000)] // six vCPUs
    public void InitQuotaMicroseconds_IgnoresTheMemoryShare(int memoryMb, int cpus, long expected)
    {
        Assert.Equal(expected, CpuShare.InitQuotaMicroseconds(memoryMb, cpus));
    }
}
