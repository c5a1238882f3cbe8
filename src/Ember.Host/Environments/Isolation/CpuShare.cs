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

    /// <summary>
    /// Scheduler weight of a group worth this many busy processes (v1 cpu.shares: 1024 each;
    /// v2 cpu.weight: 100 each). Every environment sits inside Ember's group, and a group competes
    /// with the rest of the machine as one entity of its weight: at the default weight all of
    /// Ember's functions together would count as a single process against, say, a compiler's
    /// eight, and a 1,769 MB function would not get its CPU on a busy machine.
    /// </summary>
    public static long Weight(double processes, long perProcess, long minimum, long maximum) =>
        Math.Clamp((long)Math.Round(processes * perProcess), minimum, maximum);

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
