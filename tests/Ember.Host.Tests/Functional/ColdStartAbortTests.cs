using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// A caller that gives up during a cold start. Lambda runs a synchronous invocation to its end
/// whether or not the caller still waits (the Invoke API reference: "your client may time out before
/// execution completes"), so the environment's init is not cut short and the environment stays warm.
/// </summary>
public sealed class ColdStartAbortTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task Invoke_CallerAbortsDuringInit_InitCompletesAndTheNextInvokeIsWarm()
    {
        // Given an invocation of a function whose init takes 1.5 s (well inside the 10 s init limit),
        // and a caller that cancels once the host has started that init
        using var abort = new CancellationTokenSource();
        var invoke = host.InvokeAsync("slow-init", cancellationToken: abort.Token);
        await Poll.UntilAsync(() => host.LogLinesOf("slow-init").Any(l => l.StartsWith("slow init started", StringComparison.Ordinal)));
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoke);

        // When the abandoned invocation has run (its REPORT is written)
        var abandoned = await Poll.UntilAsync(() => host.LogLinesOf("slow-init").FirstOrDefault(l => l.StartsWith("REPORT RequestId: ", StringComparison.Ordinal)));

        // Then it was a normal cold start: no init timeout, no error
        var log = host.LogLinesOf("slow-init");
        Assert.DoesNotContain(log, l => l.Contains("Status: timeout", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("Runtime.InitTimeout", StringComparison.Ordinal));
        Assert.Contains("\tInit Duration: ", abandoned);
        Assert.DoesNotContain("\tStatus: ", abandoned);

        // And the environment it initialised serves the next invocation warm
        var next = await host.InvokeJsonAsync("slow-init");
        var nextReport = await host.ReportLineAsync(next.GetProperty("requestId").GetString()!);
        Assert.DoesNotContain("Init Duration", nextReport);
        Assert.Single(host.LogLinesOf("slow-init"), l => l.StartsWith("slow init started", StringComparison.Ordinal));
    }
}
