namespace Ember.Host.Environments.Isolation;

/// <summary>Chooses the strongest isolation this machine supports, by trying it.</summary>
internal static class EnvironmentIsolationFactory
{
    /// <summary>
    /// cgroup v2 where the unified hierarchy has the memory and cpu controllers and a test group can
    /// be made there; else cgroup v1 (memory, cpu and freezer hierarchies); else the process-tree
    /// fallback, whose Description says why.
    /// </summary>
    /// <param name="noLimits">From <c>ember up --no-limits</c>: measure peak memory, but limit nothing.</param>
    /// <param name="freeze">Freeze environments between invocations, as Lambda does.</param>
    public static IEnvironmentIsolation Detect(bool noLimits, bool freeze)
    {
        var settings = IsolationSettings.ForThisMachine(noLimits, freeze);
        if (!OperatingSystem.IsLinux())
        {
            return new ProcessTreeIsolation(settings, noLimits ? null : "not Linux");
        }

        var v2Base = CgroupV2Isolation.Probe(out var v2Reason);
        if (v2Base is not null && TryCreate(() => new CgroupV2Isolation(v2Base, settings), out var v2))
        {
            return v2;
        }

        var v1Directories = CgroupFiles.OwnV1Directories();
        var v1Reason = CgroupV1Isolation.Probe(v1Directories);
        if (v1Reason is null && TryCreate(() => new CgroupV1Isolation(v1Directories, settings), out var v1))
        {
            return v1;
        }

        // Say the one reason that matters: why the mechanism this machine has did not work.
        var why = CgroupV1Isolation.Controllers.All(v1Directories.ContainsKey) ? v1Reason ?? "cgroup v1 could not be set up"
            : CgroupV2Isolation.HasControllers() ? v2Reason ?? "cgroup v2 could not be set up"
            : "neither cgroup v2 with the memory and cpu controllers nor the cgroup v1 memory, cpu and freezer hierarchies are mounted";
        return new ProcessTreeIsolation(settings, noLimits ? null : why);
    }

    private static bool TryCreate(Func<IEnvironmentIsolation> create, out IEnvironmentIsolation isolation)
    {
        try
        {
            isolation = create();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            isolation = null!;
            return false;
        }
    }
}
