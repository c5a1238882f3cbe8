using System.Text.Json;
using Ember.Host.Environments.Isolation;
using Poll = Ember.Tests.Shared.Poll;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Isolation;

/// <summary>Real python3 processes in real cgroups: limits, peak memory, OOM kills, freezing, clean-up.</summary>
[Collection(CgroupCollection.Name)]
public sealed class CgroupSandboxTests : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);
    private readonly IEnvironmentIsolation _isolation = TestIsolation.Detect();
    private readonly ITestOutputHelper _output;

    public CgroupSandboxTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _isolation.Dispose();

    [CgroupFact]
    public void Detect_OnThisMachine_DescribesCgroupLimits()
    {
        Assert.IsNotType<ProcessTreeIsolation>(_isolation);
        Assert.StartsWith("cgroup v", _isolation.Description);
        Assert.Contains("memory limit", _isolation.Description);
        Assert.Contains("1769 MB = 1 vCPU", _isolation.Description);
    }

    [CgroupFact]
    public void Prepare_ArgumentsNeedingQuotes_ReachTheProgramExactlyInsideTheCgroup()
    {
        // Given awkward arguments
        string[] arguments = ["a b", "it's", "\"quoted\"", "$HOME", "", "back\\slash", "-c", "; exit 3"];
        using var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("args"), 256);

        // When the process starts through the sandbox
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Echo, arguments);

        // Then it sees them unchanged, and is in the environment's cgroup from its first instruction
        var json = function.ReadLine(s_deadline);
        Assert.Equal(arguments, JsonSerializer.Deserialize<string[]>(json!));
        var cgroups = function.ReadLine(s_deadline);
        Assert.Contains("/ember/", cgroups);
        Assert.True(function.WaitForExit(s_deadline));
        Assert.Equal(0, function.Process.ExitCode);
    }

    [CgroupFact]
    public void CpuQuota_InitThenInvocations_FullVcpusThenTheMemoryShare()
    {
        // Given a 128 MB environment, as created for its init phase
        using var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("initcpu"), 128);
        var machine = Math.Min(Environment.ProcessorCount, 2);

        // Then init may use the environment's vCPUs (two, or the machine's if fewer) ...
        Assert.Equal(CpuShare.InitQuotaMicroseconds(128, Environment.ProcessorCount), Quota(sandbox));
        Assert.Equal(machine * CpuShare.PeriodMicroseconds, Quota(sandbox));

        // ... and once init is over, invocations get 128 MB's share
        sandbox.EndInit();
        Assert.Equal(CpuShare.QuotaMicroseconds(128, Environment.ProcessorCount), Quota(sandbox));
    }

    [CgroupFact]
    public void PeakMemoryBytes_SharedPagesAnotherGroupLoaded_StillCountTheResidentSet()
    {
        // Given a python3 whose shared libraries are already in the page cache (charged to whoever loaded them first)
        using (var warmup = _isolation.Create(TestIsolation.NewEnvironmentId("warm"), 256))
        using (var first = FunctionProcess.StartPython(warmup, Scripts.Hold, "1"))
        {
            Assert.Equal("ready", first.ReadLine(s_deadline));
        }
        using var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("rss"), 256);

        // When a second environment runs the same interpreter
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Hold, "1");
        Assert.Equal("ready", function.ReadLine(s_deadline));

        // Then its peak is at least its process's own peak resident set
        var hwm = ProcFs.StatusKilobytes(function.Process.Id, "VmHWM");
        Assert.True(hwm > 0);
        Assert.True(sandbox.PeakMemoryBytes() >= hwm, $"peak {sandbox.PeakMemoryBytes()} < VmHWM {hwm}");
    }

    [CgroupFact]
    public void OutOfMemoryKilled_AllocatingBeyondTheLimit_IsTrue()
    {
        // Given a 128 MB environment
        using var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("oom"), 128);

        // When its process touches 400 MB
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Hold, "400");

        // Then the kernel kills it and the sandbox says so
        Assert.True(function.WaitForExit(s_deadline), "the process was not killed");
        Assert.Null(function.ReadLine(TimeSpan.Zero));
        Assert.Equal(137, function.Process.ExitCode);
        Assert.True(sandbox.OutOfMemoryKilled());
    }

    [CgroupFact]
    public void OutOfMemoryKilled_ProcessWithinItsLimit_IsFalse()
    {
        using var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("no-oom"), 256);
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Hold, "50");

        Assert.Equal("ready", function.ReadLine(s_deadline));
        function.Process.StandardInput.Close();
        Assert.True(function.WaitForExit(s_deadline));

        Assert.Equal(0, function.Process.ExitCode);
        Assert.False(sandbox.OutOfMemoryKilled());
    }

    [CgroupFact]
    public void PeakMemoryBytes_ProcessHolding100Mb_IsNear100Mb()
    {
        using var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("peak"), 512);
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Hold, "100");

        Assert.Equal("ready", function.ReadLine(s_deadline));
        var peak = sandbox.PeakMemoryBytes();

        // 100 MB of data plus the interpreter and the page cache charged to the group.
        Assert.InRange(peak / (1024 * 1024), 100, 180);
    }

    [CgroupFact]
    public void PeakMemoryBytes_WithLimitsOff_StillMeasuredAndNoLimit()
    {
        using var isolation = TestIsolation.Detect(noLimits: true);
        Assert.Contains("limits off", isolation.Description);
        using var sandbox = isolation.Create(TestIsolation.NewEnvironmentId("nolimits"), 128);

        // 200 MB in a "128 MB" environment survives when limits are off.
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Hold, "200");

        Assert.Equal("ready", function.ReadLine(s_deadline));
        Assert.InRange(sandbox.PeakMemoryBytes() / (1024 * 1024), 200, 280);
        Assert.False(sandbox.OutOfMemoryKilled());
    }

    [CgroupFact]
    public void Freeze_IdleProcessWithACountingThread_StopsCountingUntilThawed()
    {
        using var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("freeze"), 256);
        using var function = FunctionProcess.StartCounter(sandbox);
        Assert.Equal("ready", function.ReadLine(s_deadline));
        Assert.True(Poll.Until(() => function.Count > 5, s_deadline), "the counter never started");

        // When frozen
        sandbox.Freeze();
        try
        {
            var frozenAt = function.Count;
            Thread.Sleep(400); // the window in which a running counter would advance ~80 times, not a wait for a state

            // Then nothing advanced while frozen
            Assert.Equal(frozenAt, function.Count);
        }
        finally
        {
            sandbox.Thaw();
        }

        // And it counts again once thawed
        var thawedAt = function.Count;
        Assert.True(Poll.Until(() => function.Count > thawedAt + 5, s_deadline), "the counter did not resume after thaw");
    }

    [CgroupFact]
    public void Dispose_WithAStragglerLeft_KillsItAndRemovesTheCgroups()
    {
        var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("straggler"), 256);
        var directories = GroupDirectories(sandbox);
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Straggler);
        Assert.Equal("ready", function.ReadLine(s_deadline));
        var child = (int)function.LastNumber;
        var childStart = ProcFs.StartTime(child);
        Assert.NotNull(childStart);

        // When the host only killed the runtime process (not its tree), then retires the environment
        function.Process.Kill(entireProcessTree: false);
        Assert.True(function.WaitForExit(s_deadline));
        sandbox.Dispose();

        // Then the child is gone too, and so are the cgroup directories
        Assert.True(Poll.Until(() => ProcFs.StartTime(child) != childStart, s_deadline), "the straggler survived");
        Assert.All(directories, d => Assert.False(Directory.Exists(d), d));
    }

    [CgroupFact]
    public void Dispose_FrozenEnvironment_KillsItAndRemovesTheCgroups()
    {
        // Given an environment frozen between invocations (a v1-frozen task cannot die until thawed)
        var sandbox = _isolation.Create(TestIsolation.NewEnvironmentId("frozen"), 256);
        using var function = FunctionProcess.StartCounter(sandbox);
        Assert.Equal("ready", function.ReadLine(s_deadline));
        sandbox.Freeze();

        // When it is retired without being thawed
        sandbox.Dispose();

        // Then its process is gone
        Assert.True(function.WaitForExit(s_deadline), "the frozen process survived Dispose");
    }

    [CgroupFact]
    public void Create_SameEnvironmentIdTwice_ThrowsAndLeavesTheFirstIntact()
    {
        var id = TestIsolation.NewEnvironmentId("twice");
        using var first = _isolation.Create(id, 128);

        Assert.Throws<InvalidOperationException>(() => _isolation.Create(id, 128));

        Assert.All(GroupDirectories(first), d => Assert.True(Directory.Exists(d), d));
    }

    [CgroupFact]
    public void Dispose_Isolation_RemovesTheHostInstanceParent()
    {
        var isolation = TestIsolation.Detect();
        var instance = isolation switch
        {
            CgroupV1Isolation v1 => v1.InstanceDirectories.Values.ToList(),
            CgroupV2Isolation v2 => [v2.InstanceDirectory],
            _ => throw new InvalidOperationException(isolation.GetType().Name),
        };
        Assert.All(instance, d => Assert.True(Directory.Exists(d), d));
        var sandbox = isolation.Create(TestIsolation.NewEnvironmentId("left"), 128);
        _ = sandbox; // never disposed: the host crashed out of its environments

        isolation.Dispose();

        Assert.All(instance, d => Assert.False(Directory.Exists(d), d));
    }

    [CgroupFact]
    public void Detect_StaleInstanceOfADeadHost_IsSwept()
    {
        // Given an ember/ instance named for a process that no longer exists (pid 0 never matches /proc)
        using var probe = TestIsolation.Detect();
        var parents = probe switch
        {
            CgroupV1Isolation v1 => v1.InstanceDirectories.Values.Select(Path.GetDirectoryName).ToList(),
            CgroupV2Isolation v2 => [Path.GetDirectoryName(v2.InstanceDirectory)],
            _ => throw new InvalidOperationException(probe.GetType().Name),
        };
        var stale = parents.Select(p => Path.Combine(p!, "999999999-1-1")).ToList();
        foreach (var directory in stale)
        {
            Directory.CreateDirectory(Path.Combine(directory, "env"));
        }

        // When another host starts
        using var next = TestIsolation.Detect();

        // Then the dead host's groups are gone
        Assert.All(stale, d => Assert.False(Directory.Exists(d), d));
    }

    [CgroupFact]
    public void Dispose_IsolationWithAFrozenEnvironmentLeft_KillsItAndRemovesEverything()
    {
        // Given a host instance whose environment froze itself between invocations, and is left
        // undisposed (a host stopped by SIGINT/SIGTERM in the middle of things)
        var isolation = TestIsolation.Detect();
        var sandbox = isolation.Create(TestIsolation.NewEnvironmentId("frozenleft"), 256);
        using var function = FunctionProcess.StartCounter(sandbox);
        Assert.Equal("ready", function.ReadLine(s_deadline));
        sandbox.Freeze();
        var groups = GroupDirectories(sandbox);

        // When the instance is disposed
        isolation.Dispose();

        // Then the frozen process is gone, and so are its groups
        Assert.True(function.WaitForExit(s_deadline), "the frozen process survived the instance's disposal");
        Assert.All(groups, d => Assert.False(Directory.Exists(d), d));
    }

    [CgroupFact]
    public void Detect_StaleInstanceWithAFrozenEnvironment_KillsItAndSweepsIt()
    {
        // Given the groups of a host that was killed with -9 while an environment was frozen
        using var probe = TestIsolation.Detect();
        Requires.Machine(probe is CgroupV1Isolation ? null : "the frozen-child sweep is cgroup v1's (v2 delivers SIGKILL to frozen tasks)");
        var directories = ((CgroupV1Isolation)probe).InstanceDirectories.ToDictionary(
            d => d.Key, d => Path.Combine(Path.GetDirectoryName(d.Value)!, "999999999-1-1", "env"), StringComparer.Ordinal);
        var sandbox = new CgroupV1Sandbox(directories, 256, new IsolationSettings(true, true, Environment.ProcessorCount));
        using var function = FunctionProcess.StartCounter(sandbox);
        Assert.Equal("ready", function.ReadLine(s_deadline));
        sandbox.Freeze();

        // When another host starts
        using var next = TestIsolation.Detect();

        // Then the old environment's process is gone, and so are its host's groups
        Assert.True(function.WaitForExit(s_deadline), "the dead host's frozen environment survived the sweep");
        Assert.All(directories.Values, d => Assert.False(Directory.Exists(Path.GetDirectoryName(d)), d));
    }

    private static long Quota(IEnvironmentSandbox sandbox) => sandbox switch
    {
        CgroupV1Sandbox v1 => CgroupFiles.ReadNumber(v1.Directories["cpu"], "cpu.cfs_quota_us") ?? -1,
        CgroupV2Sandbox v2 => long.Parse(CgroupFiles.TryRead(v2.GroupDirectory, "cpu.max")!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException(sandbox.GetType().Name),
    };

    private static List<string> GroupDirectories(IEnvironmentSandbox sandbox) => sandbox switch
    {
        CgroupV1Sandbox v1 => v1.Directories.Values.ToList(),
        CgroupV2Sandbox v2 => [v2.GroupDirectory],
        _ => throw new InvalidOperationException(sandbox.GetType().Name),
    };
}
