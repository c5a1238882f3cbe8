using Ember.Host.Environments.Isolation;
using Poll = Ember.Tests.Shared.Poll;

namespace Ember.Host.Tests.Isolation;

/// <summary>The fallback without cgroups: runs anywhere python3 does, root or not.</summary>
public sealed class ProcessTreeSandboxTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public void Description_CgroupsUnavailable_SaysWhyAndThatNothingIsLimited()
    {
        using var isolation = new ProcessTreeIsolation(new IsolationSettings(true, true, 2), "not root");

        Assert.Equal(
            "No isolation (cgroups unavailable: not root): no memory or CPU limit, no out-of-memory detection, peak memory sampled from the process tree, freeze between invocations by SIGSTOP/SIGCONT.",
            isolation.Description);
    }

    [Fact]
    public void Description_LimitsOffOnPurposeWithoutFreezing_SaysSo()
    {
        using var isolation = new ProcessTreeIsolation(new IsolationSettings(false, false, 2), whyNoCgroups: null);

        Assert.Contains("limits off (--no-limits)", isolation.Description);
        Assert.EndsWith("no freezing between invocations.", isolation.Description);
    }

    [Fact]
    public void PeakMemoryBytes_ProcessHolding100Mb_IsNear100MbAndNeverOutOfMemory()
    {
        using var isolation = new ProcessTreeIsolation(new IsolationSettings(true, true, 2), "test");
        using var sandbox = isolation.Create("tree-peak", 128);
        using var function = FunctionProcess.StartPython(sandbox, Scripts.Hold, "100");

        Assert.Equal("ready", function.ReadLine(s_deadline));

        Assert.InRange(sandbox.PeakMemoryBytes() / (1024 * 1024), 100, 160);
        Assert.False(sandbox.OutOfMemoryKilled()); // 100 MB in a 128 MB environment: nothing enforces it
    }

    [Fact]
    public void Freeze_CountingThread_StopsUntilThawed()
    {
        using var isolation = new ProcessTreeIsolation(new IsolationSettings(true, true, 2), "test");
        using var sandbox = isolation.Create("tree-freeze", 128);
        using var function = FunctionProcess.StartCounter(sandbox);
        Assert.Equal("ready", function.ReadLine(s_deadline));
        Assert.True(Poll.Until(() => function.Count > 5, s_deadline));

        sandbox.Freeze();
        try
        {
            Assert.Equal('T', ProcFs.State(function.Process.Id));
            var stoppedAt = function.Count;
            Thread.Sleep(400); // the window in which a running counter would advance ~80 times, not a wait for a state
            Assert.Equal(stoppedAt, function.Count);
        }
        finally
        {
            sandbox.Thaw();
        }

        var thawedAt = function.Count;
        Assert.True(Poll.Until(() => function.Count > thawedAt + 5, s_deadline));
    }
}
