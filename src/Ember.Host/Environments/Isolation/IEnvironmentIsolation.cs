using System.Diagnostics;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// Makes the per-environment sandboxes: a memory limit, a CPU share proportional to memory,
/// the true peak memory and freezing between invocations, as far as this machine allows.
/// Disposing it at host shutdown removes what it made for this host instance (its cgroup parent).
/// </summary>
internal interface IEnvironmentIsolation : IDisposable
{
    /// <summary>One plain sentence saying which limits are in force, printed once at start.</summary>
    string Description { get; }

    /// <summary>Creates the sandbox of one execution environment, before its process starts.</summary>
    IEnvironmentSandbox Create(string environmentId, int memoryMb);
}

/// <summary>The sandbox of one execution environment (its process tree).</summary>
internal interface IEnvironmentSandbox : IDisposable
{
    /// <summary>
    /// Rewrites the start information so the process is inside the sandbox before it runs any
    /// of the function's code (for example through a wrapper that joins the cgroup, then execs).
    /// </summary>
    void Prepare(ProcessStartInfo start);

    /// <summary>Called once the process has started.</summary>
    void Attach(Process process);

    /// <summary>
    /// The init phase is over: from now on the environment is held to its memory size's CPU share.
    /// Until then it runs on its microVM's vCPUs (<see cref="CpuShare.InitCpus"/>), as on Lambda.
    /// </summary>
    void EndInit();

    /// <summary>
    /// Peak memory of the environment since it started, in bytes: never less than the resident set
    /// of its processes (a fresh microVM pays for every page it maps, shared or not), and never less
    /// than what the kernel charged to its group. <paramref name="exact"/> false (the end of a warm invocation) may
    /// read the processes' resident sets as they are now instead of their own high-water marks, which cost far more
    /// to read; what a group is charged still counts in full.
    /// </summary>
    long PeakMemoryBytes(bool exact = true);

    /// <summary>
    /// The environment's processes now (its cgroup's members, or its process tree): the only ones
    /// whose connections its Runtime API takes.
    /// </summary>
    IReadOnlyList<int> ProcessIds();

    /// <summary>True once the kernel has killed a process of this environment for exceeding its memory.</summary>
    bool OutOfMemoryKilled();

    /// <summary>Stops every process of the environment (between invocations); no-op where unsupported.</summary>
    void Freeze();

    /// <summary>Lets the environment's processes run again.</summary>
    void Thaw();
}
