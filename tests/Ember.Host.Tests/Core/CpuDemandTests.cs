using Ember.Host.Environments;

namespace Ember.Host.Tests.Core;

/// <summary>The host says once when its busy environments ask for more CPU than the machine has.</summary>
public sealed class CpuDemandTests
{
    [Fact]
    public void Add_BeyondTheCores_TellsOnceWithTheDemand()
    {
        var told = new List<(int Busy, double Vcpus)>();
        var demand = new CpuDemand(2, (busy, vcpus) => told.Add((busy, vcpus)));

        demand.Add(1769);
        demand.Add(1769);
        Assert.Empty(told);

        demand.Add(512);
        demand.Remove(512);
        demand.Add(3008);

        var (busy, vcpus) = Assert.Single(told);
        Assert.Equal(3, busy);
        Assert.Equal(2.289, vcpus, 3);
    }

    [Fact]
    public void Add_LargestSize_CountsItsMemoryOver1769Mb()
    {
        double? asked = null;
        var demand = new CpuDemand(4, (_, vcpus) => asked = vcpus);

        demand.Add(10240);

        Assert.Equal(5.789, asked!.Value, 3);
    }
}
