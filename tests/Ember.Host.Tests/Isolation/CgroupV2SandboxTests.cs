using System.Diagnostics;
using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

/// <summary>
/// The cgroup v2 sandbox against a directory standing in for cgroupfs (the reference machine has
/// every controller bound to v1, so the real v2 path cannot run there): what it writes, what it reads.
/// </summary>
public sealed class CgroupV2SandboxTests : IDisposable
{
    private readonly string _instance = Directory.CreateTempSubdirectory("ember-v2-").FullName;

    public void Dispose() => Directory.Delete(_instance, recursive: true);

    [Fact]
    public void Create_WithLimits_WritesMemoryMaxCpuMaxAndOomGroup()
    {
        var directory = Path.Combine(_instance, "fn-1");

        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2));

        Assert.Equal("134217728", Read(directory, "memory.max"));
        // Init runs on the environment's two vCPUs (here: the machine's two), not on 128 MB's share.
        Assert.Equal("40000 20000", Read(directory, "cpu.max"));
        Assert.Equal("1", Read(directory, "memory.oom.group"));
    }

    [Fact]
    public void EndInit_WithLimits_HoldsTheEnvironmentToItsMemoryShare()
    {
        var directory = Path.Combine(_instance, "fn-1");
        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2));

        sandbox.EndInit();

        Assert.Equal("1447 20000", Read(directory, "cpu.max"));
    }

    [Fact]
    public void Create_LimitsOff_WritesNoLimit()
    {
        var directory = Path.Combine(_instance, "fn-1");

        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(false, true, 2));

        Assert.False(File.Exists(Path.Combine(directory, "memory.max")));
        Assert.False(File.Exists(Path.Combine(directory, "cpu.max")));
    }

    [Fact]
    public void OutOfMemoryKilled_MemoryEventsCountsAKill_IsTrue()
    {
        var directory = Path.Combine(_instance, "fn-1");
        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2));
        File.WriteAllText(Path.Combine(directory, "memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\n");
        Assert.False(sandbox.OutOfMemoryKilled());

        File.WriteAllText(Path.Combine(directory, "memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");

        Assert.True(sandbox.OutOfMemoryKilled());
    }

    [Fact]
    public void PeakMemoryBytes_WithoutMemoryPeak_KeepsTheLargestMemoryCurrentSeen()
    {
        var directory = Path.Combine(_instance, "fn-1");
        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2));

        File.WriteAllText(Path.Combine(directory, "memory.current"), "2000\n");
        Assert.Equal(2000, sandbox.PeakMemoryBytes());
        File.WriteAllText(Path.Combine(directory, "memory.current"), "500\n");

        Assert.Equal(2000, sandbox.PeakMemoryBytes());
    }

    [Fact]
    public void FreezeThaw_WritesCgroupFreezeAndWaitsForFrozen()
    {
        var directory = Path.Combine(_instance, "fn-1");
        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2));
        File.WriteAllText(Path.Combine(directory, "cgroup.events"), "populated 1\nfrozen 1\n");

        sandbox.Freeze();
        Assert.Equal("1", Read(directory, "cgroup.freeze"));
        sandbox.Thaw();

        Assert.Equal("0", Read(directory, "cgroup.freeze"));
        File.WriteAllText(Path.Combine(directory, "cgroup.events"), "populated 0\nfrozen 0\n"); // so Dispose finds it empty
    }

    [Fact]
    public void Freeze_Disabled_DoesNothing()
    {
        var directory = Path.Combine(_instance, "fn-1");
        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, false, 2));

        sandbox.Freeze();

        Assert.False(File.Exists(Path.Combine(directory, "cgroup.freeze")));
    }

    [Fact]
    public void Prepare_JoinsTheOneUnifiedGroup()
    {
        var directory = Path.Combine(_instance, "fn-1");
        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2));
        var start = new ProcessStartInfo("/bin/true");

        sandbox.Prepare(start);

        Assert.Equal(CgroupEntry.Shell, start.FileName);
        Assert.Contains($"echo $$ > '{directory}/cgroup.procs'", start.ArgumentList[1]);
        Assert.Equal("/bin/true", start.ArgumentList[2]);
    }

    [Fact]
    public void Create_SameEnvironmentTwice_Throws()
    {
        var directory = Path.Combine(_instance, "fn-1");
        using var sandbox = new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2));

        Assert.Throws<InvalidOperationException>(() => new CgroupV2Sandbox(directory, 128, new IsolationSettings(true, true, 2)));
    }

    private static string Read(string directory, string file) => File.ReadAllText(Path.Combine(directory, file)).Trim();
}
