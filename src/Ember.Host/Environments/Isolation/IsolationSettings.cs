namespace Ember.Host.Environments.Isolation;

/// <summary>What the isolation should do, whatever mechanism carries it out.</summary>
/// <param name="EnforceLimits">False for <c>ember up --no-limits</c>: measure, but do not limit.</param>
/// <param name="FreezeBetweenInvocations">Whether <see cref="IEnvironmentSandbox.Freeze"/> really freezes.</param>
/// <param name="MachineCpus">The cap on an environment's CPU share.</param>
internal sealed record IsolationSettings(bool EnforceLimits, bool FreezeBetweenInvocations, int MachineCpus)
{
    public static IsolationSettings ForThisMachine(bool noLimits, bool freeze) =>
        new(!noLimits, freeze, Environment.ProcessorCount);

    /// <summary>The clause of a Description about CPU, e.g. "CPU proportional to memory (1769 MB = 1 vCPU, capped at 2)".</summary>
    public string CpuClause => $"CPU proportional to memory ({CpuShare.MegabytesPerVcpu} MB = 1 vCPU, capped at {Math.Min(CpuShare.LambdaMaxVcpus, MachineCpus)})";

    public string FreezeClause => FreezeBetweenInvocations ? "freeze between invocations" : "no freezing between invocations";
}
