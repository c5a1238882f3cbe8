namespace Ember.Host.Environments.Isolation;

/// <summary>
/// Lambda's CPU curve: CPU is proportional to memory, 1,769 MB being one vCPU (the documented
/// anchor), up to six vCPUs at 10,240 MB; here also capped at the CPUs this machine has.
/// </summary>
internal static class CpuShare
{
    public const int MegabytesPerVcpu = 1769;
    public const int LambdaMaxVcpus = 6;

    /// <summary>
    /// 20 ms rather than the kernel's 100 ms default: a 128 MB function gets 1.45 ms of CPU per
    /// period, so a throttled function waits at most ~19 ms instead of ~93 ms; the share is the same.
    /// </summary>
    public const int PeriodMicroseconds = 20_000;

    /// <summary>The kernel refuses a CFS quota below 1 ms.</summary>
    private const int MinimumQuotaMicroseconds = 1_000;

    /// <summary>CPUs (fractional) an environment of this memory size gets on this machine.</summary>
    public static double Cpus(int memoryMb, int machineCpus)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(machineCpus);
        return Math.Min((double)memoryMb / MegabytesPerVcpu, Math.Min(LambdaMaxVcpus, machineCpus));
    }

    /// <summary>The CFS quota for <see cref="PeriodMicroseconds"/>.</summary>
    public static long QuotaMicroseconds(int memoryMb, int machineCpus) =>
        Math.Max(MinimumQuotaMicroseconds, (long)Math.Round(Cpus(memoryMb, machineCpus) * PeriodMicroseconds));
}
