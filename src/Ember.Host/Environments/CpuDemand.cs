using Ember.Host.Environments.Isolation;

namespace Ember.Host.Environments;

/// <summary>
/// The CPU the busy environments ask for, as Lambda would give it (memory ÷ 1,769 MB each, at most 6),
/// against this machine's cores. The first time it is more than the machine has, <c>oversubscribed</c>
/// is told once (busy environments, vCPUs asked): from then on they share the cores, and invocations
/// run slower than on Lambda, or time out, for a reason the user should hear of.
/// </summary>
internal sealed class CpuDemand(int cores, Action<int, double> oversubscribed)
{
    private long _milliVcpus;
    private int _busy;
    private int _told;

    public void Add(int memoryMb)
    {
        var busy = Interlocked.Increment(ref _busy);
        var total = Interlocked.Add(ref _milliVcpus, MilliVcpus(memoryMb));
        if (total > cores * 1000L && Interlocked.Exchange(ref _told, 1) == 0)
        {
            oversubscribed(busy, total / 1000.0);
        }
    }

    public void Remove(int memoryMb)
    {
        Interlocked.Decrement(ref _busy);
        Interlocked.Add(ref _milliVcpus, -MilliVcpus(memoryMb));
    }

    private static long MilliVcpus(int memoryMb) =>
        (long)Math.Round(Math.Min((double)memoryMb / CpuShare.MegabytesPerVcpu, CpuShare.LambdaMaxVcpus) * 1000);
}
