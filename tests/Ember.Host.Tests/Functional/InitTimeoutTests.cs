using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// An init phase that outlasts the init limit, on a host whose limit is 1 s (Lambda's is 10 s).
/// Lambda's developer guide (lambda-runtime-environment, "Init phase" and "Failures during the Init
/// phase"): it logs <c>INIT_REPORT ... Phase: init	Status: timeout</c>, then retries the Init phase
/// at the first invocation, bounded by the function's configured timeout.
/// </summary>
public sealed class InitTimeoutTests(ShortInitLimitHostFixture host, ITestOutputHelper output) : IClassFixture<ShortInitLimitHostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    private static bool IsInitTimeoutReport(string line) =>
        line.StartsWith("INIT_REPORT Init Duration: ", StringComparison.Ordinal) && line.EndsWith("\tPhase: init\tStatus: timeout", StringComparison.Ordinal);

    [Fact]
    public async Task Invoke_InitOutlastsInitLimitButNotFunctionTimeout_LogsInitTimeoutThenRetriedInitServesTheInvocation()
    {
        // Given a function whose init takes 3 s, past the 1 s init limit, and whose timeout is 10 s
        // When it is invoked
        using var response = await host.InvokeAsync("init-past-limit");
        var text = await response.Content.ReadAsStringAsync();

        // Then the init timeout is logged, and an init that ran to its end (the retry: the first was
        // stopped at 1 s, two seconds before its end) served the invocation
        Assert.Contains(host.LogLinesOf("init-past-limit"), IsInitTimeoutReport);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), text);
        var pid = JsonDocument.Parse(text).RootElement.GetProperty("pid").GetInt32();
        // The module prints as its init ends; output reaches the log through a pipe, so poll.
        await Poll.UntilAsync(() => host.LogLinesOf("init-past-limit").Contains($"slow init done {pid}"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Invoke_InitNeverEnds_FailsAsAnUnhandledTimeoutAndLogsInitTimeout()
    {
        // Given a function whose init takes 60 s: past the init limit and past its 2 s timeout
        using var response = await host.InvokeAsync("init-never-ends");
        var text = await response.Content.ReadAsStringAsync();

        // Then the invocation fails as the function's error (200, Unhandled), never a hang or a 5xx
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Contains("timed out", JsonDocument.Parse(text).RootElement.GetProperty("errorMessage").GetString());
        Assert.Contains(host.LogLinesOf("init-never-ends"), IsInitTimeoutReport);
    }
}
