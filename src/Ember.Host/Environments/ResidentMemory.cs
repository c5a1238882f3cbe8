using Ember.Host.Environments.Isolation;

namespace Ember.Host.Environments;

/// <summary>
/// What an environment's processes hold in memory at one moment, from <c>/proc/PID/status</c>, summed over
/// its processes: pages backed by files (the runtime's binary, its libraries, the function's code: what it
/// touched from disk) and anonymous pages (heaps, stacks). Taken when the runtime first asks for an
/// invocation, it says how much of its package and runtime an init touched, which on Lambda arrives lazily
/// from remote storage (the lab's AWS estimate reads it).
/// </summary>
internal readonly record struct ResidentMemory(long FileBytes, long AnonymousBytes)
{
    /// <summary>The sum over <paramref name="processIds"/>; a process that is gone (or unreadable) counts nothing.</summary>
    public static ResidentMemory Of(IEnumerable<int> processIds)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        long file = 0, anonymous = 0;
        foreach (var pid in processIds)
        {
            var one = FromStatus(ProcFs.Status(pid));
            file += one.FileBytes;
            anonymous += one.AnonymousBytes;
        }
        return new ResidentMemory(file, anonymous);
    }

    /// <summary>One process's figures from its <c>/proc/PID/status</c>: RssFile plus RssShmem, and RssAnon.</summary>
    internal static ResidentMemory FromStatus(string status) =>
        new(ProcFs.StatusField(status, "RssFile") + ProcFs.StatusField(status, "RssShmem"), ProcFs.StatusField(status, "RssAnon"));
}
