using System.Globalization;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// Sandboxes on cgroup v1: one cgroup per environment in the memory, cpu and freezer hierarchies,
/// under <c>&lt;host's own cgroup&gt;/ember/&lt;host-instance&gt;/</c> in each. Stale instances of dead hosts
/// are swept when it is made; its own instance is removed when it is disposed (host shutdown).
/// </summary>
internal sealed class CgroupV1Isolation : IEnvironmentIsolation
{
    /// <summary>The hierarchies used, in the order the wrapper joins them.</summary>
    public static readonly IReadOnlyList<string> Controllers = ["memory", "cpu", "freezer"];

    private readonly IsolationSettings _settings;
    private readonly Dictionary<string, string> _instanceDirectories = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <param name="ownDirectories">The host's own cgroup directory per controller (see <see cref="CgroupFiles.OwnV1Directories"/>).</param>
    /// <param name="settings">Limits on or off, freezing on or off, the CPU cap.</param>
    public CgroupV1Isolation(IReadOnlyDictionary<string, string> ownDirectories, IsolationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(ownDirectories);
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        InstanceName = HostInstance.NewName();
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var controller in Controllers)
        {
            if (!ownDirectories.TryGetValue(controller, out var own))
            {
                throw new InvalidOperationException($"The cgroup v1 '{controller}' hierarchy is not mounted.");
            }
            parents[controller] = Directory.CreateDirectory(Path.Combine(own, HostInstance.ParentDirectoryName)).FullName;
        }
        SweepStaleInstances(parents);
        foreach (var (controller, parent) in parents)
        {
            var instance = Path.Combine(parent, InstanceName);
            Directory.CreateDirectory(instance);
            _instanceDirectories[controller] = instance;
            if (controller == "cpu")
            {
                // As much weight as one busy process per CPU of the machine (see CpuShare.Weight).
                var shares = CpuShare.Weight(settings.MachineCpus, 1024, 2, 262_144).ToString(CultureInfo.InvariantCulture);
                CgroupFiles.TryWrite(parent, "cpu.shares", shares);
                CgroupFiles.TryWrite(instance, "cpu.shares", shares);
            }
        }
    }

    /// <summary>This host instance's directory name under each <c>ember/</c> parent.</summary>
    public string InstanceName { get; }

    /// <summary>This host instance's cgroup directory per controller.</summary>
    public IReadOnlyDictionary<string, string> InstanceDirectories => _instanceDirectories;

    public string Description => _settings.EnforceLimits
        ? $"cgroup v1: memory limit (swap included), {_settings.CpuClause}, peak memory from the cgroup, out-of-memory kills detected, {_settings.FreezeClause}."
        : $"cgroup v1 with limits off (--no-limits): no memory or CPU limit, peak memory from the cgroup, out-of-memory kills detected, {_settings.FreezeClause}.";

    public IEnvironmentSandbox Create(string environmentId, int memoryMb)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        var name = HostInstance.SafeDirectoryName(environmentId);
        var directories = Controllers.ToDictionary(c => c, c => Path.Combine(_instanceDirectories[c], name), StringComparer.Ordinal);
        return new CgroupV1Sandbox(directories, memoryMb, _settings);
    }

    /// <summary>Removes this host instance's cgroups, killing any process still in them.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        RemoveGroup(_instanceDirectories);
    }

    /// <summary>
    /// Tries to make, limit and remove a throw-away cgroup in each hierarchy; null when that works,
    /// otherwise the reason it does not (not root, not mounted, read-only…).
    /// </summary>
    public static string? Probe(IReadOnlyDictionary<string, string> ownDirectories)
    {
        var made = new List<string>();
        try
        {
            foreach (var controller in Controllers)
            {
                if (!ownDirectories.TryGetValue(controller, out var own))
                {
                    return $"the cgroup v1 {controller} hierarchy is not mounted";
                }
                var probe = Path.Combine(own, HostInstance.ParentDirectoryName, $".probe-{Environment.ProcessId}");
                Directory.CreateDirectory(probe);
                made.Add(probe);
                var (file, value) = controller switch
                {
                    "memory" => ("memory.limit_in_bytes", "134217728"),
                    "cpu" => ("cpu.cfs_quota_us", "50000"),
                    _ => ("freezer.state", "THAWED"),
                };
                CgroupFiles.Write(probe, file, value);
            }
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "creating a cgroup was refused (Ember must run as root to use cgroup v1)";
        }
        catch (IOException e)
        {
            return $"creating a cgroup v1 group failed: {e.Message.Trim()}";
        }
        finally
        {
            foreach (var probe in made)
            {
                TryRemoveDirectory(probe);
            }
        }
    }

    /// <summary>
    /// Kills every process in a group (and its descendants) and removes its directories, bottom up.
    /// The group is frozen first so a forking process cannot add members while it is being killed.
    /// </summary>
    internal static bool RemoveGroup(IReadOnlyDictionary<string, string> directories)
    {
        var existing = directories.Values.Where(Directory.Exists).ToList();
        if (existing.Count == 0)
        {
            return true;
        }
        directories.TryGetValue("freezer", out var freezer);
        var hasFreezer = freezer is not null && Directory.Exists(freezer);
        if (hasFreezer)
        {
            CgroupV1Sandbox.FreezeAndWait(freezer!, TimeSpan.FromSeconds(1));
        }
        KillAll(existing);
        if (hasFreezer)
        {
            // SIGKILL is delivered to a v1-frozen task only once it thaws, and thawing a group does
            // not thaw a child group that froze itself (an environment frozen between invocations):
            // each is thawed in turn, parents first.
            foreach (var group in SelfAndDescendants(freezer!).ToList())
            {
                CgroupFiles.TryWrite(group, "freezer.state", "THAWED");
            }
        }
        Poll.Until(() => KillAll(existing) == 0, TimeSpan.FromSeconds(5));
        var removed = true;
        foreach (var directory in existing)
        {
            removed &= RemoveTree(directory);
        }
        return removed;
    }

    /// <summary>
    /// Removes the instances of hosts that are gone (killed with -9, crashed), every hierarchy of an
    /// instance at once: its freezer group is what lets the kill through to environments that were
    /// frozen when their host died.
    /// </summary>
    private static void SweepStaleInstances(IReadOnlyDictionary<string, string> parents)
    {
        var stale = parents.Values
            .SelectMany(parent => Directory.GetDirectories(parent).Select(Path.GetFileName))
            .Where(name => HostInstance.IsStale(name!))
            .Distinct(StringComparer.Ordinal);
        foreach (var name in stale)
        {
            RemoveGroup(parents.ToDictionary(p => p.Key, p => Path.Combine(p.Value, name!), StringComparer.Ordinal));
        }
    }

    /// <summary>SIGKILLs every process in the groups and their child groups; returns how many there were.</summary>
    private static int KillAll(IEnumerable<string> directories)
    {
        var count = 0;
        foreach (var directory in directories)
        {
            foreach (var group in SelfAndDescendants(directory))
            {
                foreach (var pid in CgroupFiles.Processes(group))
                {
                    ProcFs.Signal(pid, ProcFs.SigKill);
                    count++;
                }
            }
        }
        return count;
    }

    private static IEnumerable<string> SelfAndDescendants(string directory)
    {
        yield return directory;
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
            foreach (var descendant in SelfAndDescendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static bool RemoveTree(string directory)
    {
        var removed = true;
        foreach (var group in SelfAndDescendants(directory).Reverse().ToList())
        {
            removed &= TryRemoveDirectory(group);
        }
        return removed;
    }

    /// <summary>rmdir: a cgroup directory holds only kernel files, which go with it (Directory.Delete(recursive) would try to unlink them).</summary>
    internal static bool TryRemoveDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: false);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
