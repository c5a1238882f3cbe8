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

    /// <summary>
    /// The vCPUs of the microVM Lambda gives an environment of this memory size: two up to 3,008 MB,
    /// then one more per 1,769 MB (3 up to 5,307 MB, 4 to 7,076, 5 to 8,845, 6 to 10,240). The init
    /// phase runs on all of them, unthrottled; only invocations are held to <see cref="Cpus"/>.
    /// (Published measurements: Init Duration is the same at 128, 512 and 1,024 MB; see
    /// docs/environment-fidelity.md.)
    /// </summary>
    public static int EnvironmentVcpus(int memoryMb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        return memoryMb switch
        {
            <= 3008 => 2,
            <= 5307 => 3,
            <= 7076 => 4,
            <= 8845 => 5,
            _ => LambdaMaxVcpus,
        };
    }

    /// <summary>CPUs an environment gets during its init phase on this machine: its microVM's vCPUs, capped at the machine's.</summary>
    public static int InitCpus(int memoryMb, int machineCpus)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(machineCpus);
        return Math.Min(EnvironmentVcpus(memoryMb), machineCpus);
    }

    /// <summary>The CFS quota of the init phase for <see cref="PeriodMicroseconds"/>.</summary>
    public static long InitQuotaMicroseconds(int memoryMb, int machineCpus) => (long)InitCpus(memoryMb, machineCpus) * PeriodMicroseconds;

    /// <summary>The CFS quota of invocations for <see cref="PeriodMicroseconds"/>.</summary>
    public static long QuotaMicroseconds(int memoryMb, int machineCpus) =>
        Math.Max(MinimumQuotaMicroseconds, (long)Math.Round(Cpus(memoryMb, machineCpus) * PeriodMicroseconds));
}
