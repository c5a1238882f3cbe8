using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// An environment left idle past the host's idle timeout is retired: its processes end, and the next
/// invocation is a cold start in a new environment, as on Lambda once an idle environment is reclaimed.
/// </summary>
public sealed class IdleRetirementTests(ShortIdleTimeoutHostFixture host, ITestOutputHelper output) : IClassFixture<ShortIdleTimeoutHostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task Invoke_AfterEnvironmentIdledPastIdleTimeout_IsAColdStartInANewProcess()
    {
        // Given an environment that served one invocation
        var first = await host.InvokeJsonAsync("echo", new { n = 1 });
        var firstPid = first.GetProperty("pid").GetInt32();
        var temporaryDirectories = host.Host.Functions.TempRoot.Directory;
        Assert.Contains("\tInit Duration: ", await host.ReportLineAsync(first.GetProperty("requestId").GetString()!));

        // When it idles until the host retires it (its runtime process is gone, and its temporary directory)
        await Poll.UntilAsync(() => !IsRunning(firstPid));
        await Poll.UntilAsync(() => Directory.GetDirectories(temporaryDirectories).Length == 0);

        // Then the next invocation starts a new environment: a cold start
        var second = await host.InvokeJsonAsync("echo", new { n = 2 });
        Assert.NotEqual(firstPid, second.GetProperty("pid").GetInt32());
        Assert.Contains("\tInit Duration: ", await host.ReportLineAsync(second.GetProperty("requestId").GetString()!));
    }

    /// <summary>Whether a process exists and has not exited (a zombie, state Z, has exited).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
