using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// Event (asynchronous) invocations and their request id: the id the 202 answer gives is the id the
/// function runs under and the id of its log lines, and Lambda's retries of a failed event keep it
/// (AWS Knowledge Center, lambda-function-duplicate-invocations: duplicate invocations "with the
/// same request ID" are Lambda retrying; the async destination record's requestContext.requestId).
/// The fixture retries after 50 ms instead of Lambda's one and two minutes.
/// </summary>
public sealed class EventInvokeTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    /// <summary>The request ids event-probe printed for this tag, in order.</summary>
    private List<string> IdsSeen(string tag) =>
    [
        .. host.LogLinesOf("event-probe")
            .Where(l => l.StartsWith($"request id seen: {tag} ", StringComparison.Ordinal))
            .Select(l => l[$"request id seen: {tag} ".Length..]),
    ];

    private static async Task<string> InvokeEventAsync(HostFixture host, object payload)
    {
        using var response = await host.InvokeAsync("event-probe", payload, r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(202, (int)response.StatusCode);
        return response.Headers.GetValues("x-amzn-RequestId").Single();
    }

    [Fact]
    public async Task Invoke_Event_RequestIdOf202IsTheFunctionsAndItsReports()
    {
        // Given an Event invocation, answered 202 with a request id
        var tag = Guid.NewGuid().ToString("N");
        var requestId = await InvokeEventAsync(host, new { tag });

        // When the function has run
        var seen = await Poll.UntilAsync(() => IdsSeen(tag) is [var id] ? id : null);

        // Then it ran under that request id, and START and REPORT carry it too
        Assert.Equal(requestId, seen);
        await host.ReportLineAsync(requestId);
        Assert.Contains(host.LogLinesOf("event-probe"), l => l.StartsWith($"START RequestId: {requestId} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_EventThatFails_EveryRetryRunsUnderTheSameRequestId()
    {
        // Given an Event invocation of a function that fails every time
        var tag = Guid.NewGuid().ToString("N");
        var requestId = await InvokeEventAsync(host, new { tag, fail = true });

        // When Lambda has made its three attempts (the first and two retries)
        var seen = await Poll.UntilAsync(() => IdsSeen(tag) is { Count: >= 3 } ids ? ids : null);

        // Then each ran under the request id of the 202 answer, and each has its REPORT
        Assert.Equal([requestId, requestId, requestId], seen);
        await Poll.UntilAsync(() => host.LogLinesOf("event-probe").Count(l => l.StartsWith($"REPORT RequestId: {requestId}\t", StringComparison.Ordinal)) == 3);
    }
}
