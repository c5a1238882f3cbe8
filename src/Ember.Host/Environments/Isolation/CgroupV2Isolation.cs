using System.Globalization;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// Sandboxes on the unified (v2) hierarchy: one cgroup per environment under
/// <c>&lt;base&gt;/ember/&lt;host-instance&gt;/</c>, with the memory and cpu controllers enabled down the path.
/// The base is the host's own cgroup where controllers can be delegated there, else the hierarchy's
/// root (v2 forbids enabling controllers below a cgroup that itself holds processes, which is the
/// case for a login session's scope).
/// </summary>
internal sealed class CgroupV2Isolation : IEnvironmentIsolation
{
    private const string Controllers = "+memory +cpu";

    private readonly IsolationSettings _settings;
    private bool _disposed;

    /// <param name="baseDirectory">Where <c>ember/</c> goes: a result of <see cref="Probe"/>.</param>
    /// <param name="settings">Limits on or off, freezing on or off, the CPU cap.</param>
    public CgroupV2Isolation(string baseDirectory, IsolationSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        InstanceName = HostInstance.NewName();
        var parent = Path.Combine(baseDirectory, HostInstance.ParentDirectoryName);
        EnableControllers(baseDirectory);
        Directory.CreateDirectory(parent);
        EnableControllers(parent);
        foreach (var instance in Directory.GetDirectories(parent))
        {
            if (HostInstance.IsStale(Path.GetFileName(instance)))
            {
                RemoveGroup(instance);
            }
        }
        InstanceDirectory = Path.Combine(parent, InstanceName);
        Directory.CreateDirectory(InstanceDirectory);
        EnableControllers(InstanceDirectory);
        // As much weight as one busy process per CPU of the machine (see CpuShare.Weight).
        var weight = CpuShare.Weight(settings.MachineCpus, 100, 1, 10_000).ToString(CultureInfo.InvariantCulture);
        CgroupFiles.TryWrite(parent, "cpu.weight", weight);
        CgroupFiles.TryWrite(InstanceDirectory, "cpu.weight", weight);
    }

    public string InstanceName { get; }

    public string InstanceDirectory { get; }

    public string Description => _settings.EnforceLimits
        ? $"cgroup v2: memory limit (no swap), {_settings.CpuClause}, peak memory from the cgroup, out-of-memory kills detected, {_settings.FreezeClause}."
        : $"cgroup v2 with limits off (--no-limits): no memory or CPU limit, peak memory from the cgroup, out-of-memory kills detected, {_settings.FreezeClause}.";

    public IEnvironmentSandbox Create(string environmentId, int memoryMb)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        return new CgroupV2Sandbox(Path.Combine(InstanceDirectory, HostInstance.SafeDirectoryName(environmentId)), memoryMb, _settings);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        RemoveGroup(InstanceDirectory);
    }

    /// <summary>
    /// The base directory where a throw-away group with memory, cpu and freeze can be made, or
    /// null with the reason. Tries the host's own cgroup, then the hierarchy's root.
    /// </summary>
    public static string? Probe(out string? reason)
    {
        reason = null;
        var mount = CgroupFiles.V2MountPoint();
        if (mount is null)
        {
            reason = "no cgroup v2 hierarchy is mounted";
            return null;
        }
        if (!HasControllers())
        {
            reason = "the cgroup v2 hierarchy has no memory and cpu controllers";
            return null;
        }
        var candidates = new List<string>();
        if (CgroupFiles.OwnV2Directory() is { } own)
        {
            candidates.Add(own);
        }
        candidates.Add(mount);
        foreach (var candidate in candidates.Distinct())
        {
            var parent = Path.Combine(candidate, HostInstance.ParentDirectoryName);
            var probe = Path.Combine(parent, $".probe-{Environment.ProcessId}");
            var parentExisted = Directory.Exists(parent);
            try
            {
                EnableControllers(candidate);
                Directory.CreateDirectory(parent);
                EnableControllers(parent);
                Directory.CreateDirectory(probe);
                CgroupFiles.Write(probe, "memory.max", "134217728");
                CgroupFiles.Write(probe, "cpu.max", "50000 100000");
                if (!File.Exists(Path.Combine(probe, "cgroup.freeze")))
                {
                    throw new IOException("cgroup.freeze is missing (kernel before 5.2)");
                }
                return candidate;
            }
            catch (UnauthorizedAccessException)
            {
                reason = "creating a cgroup was refused (Ember must run as root, or in a delegated cgroup v2 subtree)";
            }
            catch (IOException e)
            {
                reason = $"creating a cgroup v2 group failed: {e.Message.Trim()}";
            }
            finally
            {
                CgroupV1Isolation.TryRemoveDirectory(probe);
                if (!parentExisted)
                {
                    CgroupV1Isolation.TryRemoveDirectory(parent);
                }
            }
        }
        return null;
    }

    /// <summary>True when a unified hierarchy is mounted with the memory and cpu controllers available (not bound to v1).</summary>
    public static bool HasControllers()
    {
        var mount = CgroupFiles.V2MountPoint();
        var available = mount is null ? string.Empty : CgroupFiles.TryRead(mount, "cgroup.controllers") ?? string.Empty;
        var names = available.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Contains("memory") && names.Contains("cpu");
    }

    private static void EnableControllers(string directory)
    {
        var enabled = CgroupFiles.TryRead(directory, "cgroup.subtree_control") ?? string.Empty;
        if (!enabled.Contains("memory", StringComparison.Ordinal) || !enabled.Contains("cpu", StringComparison.Ordinal))
        {
            CgroupFiles.Write(directory, "cgroup.subtree_control", Controllers);
        }
    }

    /// <summary>Kills every process in a group and its descendants (cgroup.kill, 5.14+, else freeze and SIGKILL) and removes it, bottom up.</summary>
    internal static bool RemoveGroup(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return true;
        }
        if (!CgroupFiles.TryWrite(directory, "cgroup.kill", "1"))
        {
            CgroupFiles.TryWrite(directory, "cgroup.freeze", "1");
            KillAll(directory);
            // Unlike v1, SIGKILL reaches a v2-frozen task; thaw anyway so nothing stays stopped.
            CgroupFiles.TryWrite(directory, "cgroup.freeze", "0");
        }
        // cgroup.events "populated 0" once no process is left anywhere below.
        Poll.Until(() =>
        {
            if (CgroupFiles.ReadKeyed(directory, "cgroup.events", "populated") is null or 0)
            {
                return true;
            }
            KillAll(directory);
            return false;
        }, TimeSpan.FromSeconds(5));
        var removed = true;
        foreach (var group in Descendants(directory).Reverse().Append(directory).ToList())
        {
            removed &= CgroupV1Isolation.TryRemoveDirectory(group);
        }
        return removed;
    }

    private static int KillAll(string directory)
    {
        var count = 0;
        foreach (var group in Descendants(directory).Prepend(directory))
        {
            foreach (var pid in CgroupFiles.Processes(group))
            {
                ProcFs.Signal(pid, ProcFs.SigKill);
                count++;
            }
        }
        return count;
    }

    private static IEnumerable<string> Descendants(string directory)
    {
        string[] children;
        try
        {
            children = Directory.GetDirectories(directory);
        }
        catch (IOException)
        {
            yield break;
        }
        foreach (var child in children)
        {
            yield return child;
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
