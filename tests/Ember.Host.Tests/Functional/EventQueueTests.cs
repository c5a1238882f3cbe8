using System.Text.Json;
using Ember.Host.Invocations;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// Event invocations are durable: on disk before their 202, run at least once even when the host stops during
/// their attempt, each function in its own lane.
/// </summary>
public sealed class EventQueueTests(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<string> SendEventAsync(string function, object payload)
    {
        using var response = await host.InvokeAsync(function, payload, r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(202, (int)response.StatusCode);
        return response.Headers.GetValues("x-amzn-RequestId").Single();
    }

    [Fact]
    public async Task Event_Accepted_IsOnDiskWithItsRequestIdAndFinishesAsSucceeded()
    {
        // Given an event sent to a function that writes its request id to a file
        using var temp = TempDirectory.SharedWithFunctions("ember-event-");
        var marker = temp.File("marker");

        var requestId = await SendEventAsync("marker", new { path = marker });

        // Then the function saw the 202's id, REPORT has it, and the queue recorded one attempt that succeeded
        Assert.Equal(requestId, await Poll.UntilAsync(() => File.Exists(marker) ? File.ReadAllText(marker) : null));
        Assert.Contains("Duration: ", await host.ReportLineAsync(requestId));
        var stored = await Poll.UntilAsync(() => host.Host.Events.Store.List("marker").FirstOrDefault(e => e.RequestId == requestId && e.State == EventStates.Succeeded));
        Assert.Equal((1, 0, "Success"), (stored.Attempts, stored.Redeliveries, stored.Outcome));
        Assert.Equal(marker, JsonDocument.Parse(stored.Payload).RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task HostStopsDuringAttempts_NextHostRunsThemAgainWithTheSameIds()
    {
        // Given events whose function blocks until a file appears, all running when the host stops
        using var temp = TempDirectory.SharedWithFunctions("ember-redeliver-");
        using var startedDirectory = TempDirectory.SharedWithFunctions("ember-started-");
        var started = startedDirectory.Path;
        var release = temp.File("release");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await SendEventAsync("gate-open", new { started, release }));
        }
        await Poll.UntilAsync(() => ids.All(id => File.Exists(Path.Combine(started, id))) ? "started" : null);
        foreach (var id in ids)
        {
            File.Delete(Path.Combine(started, id));
        }

        // When the host stops (the attempts cut short) and a new one starts on the same data dir, then they are released
        await host.RestartAsync();
        File.WriteAllText(release, "go");

        // Then every event runs again, under the id of its 202, and is recorded as a redelivery that succeeded
        await Poll.UntilAsync(() => ids.All(id => File.Exists(Path.Combine(started, id))) ? "again" : null);
        foreach (var id in ids)
        {
            var stored = await Poll.UntilAsync(() => host.Host.Events.Store.List("gate-open").FirstOrDefault(e => e.RequestId == id && e.State == EventStates.Succeeded));
            Assert.Equal((2, 1), (stored.Attempts, stored.Redeliveries));
        }
    }

    [Fact]
    public async Task SlowFunctionsBacklog_DoesNotDelayAnotherFunctionsEvent()
    {
        // Given more blocked events of one function (no reserved concurrency) than a lane has workers
        using var temp = TempDirectory.SharedWithFunctions("ember-lanes-");
        using var startedDirectory = TempDirectory.SharedWithFunctions("ember-started-");
        var started = startedDirectory.Path;
        var release = temp.File("release");
        for (var i = 0; i < EventQueue.LaneWorkers + 2; i++)
        {
            await SendEventAsync("gate-open", new { started, release });
        }
        await Poll.UntilAsync(() => Directory.GetFiles(started).Length >= EventQueue.LaneWorkers ? "busy" : null);

        // When another function gets an event
        var marker = temp.File("marker");
        var requestId = await SendEventAsync("marker", new { path = marker });

        // Then it runs while the first function's events are all still blocked
        Assert.Equal(requestId, await Poll.UntilAsync(() => File.Exists(marker) ? File.ReadAllText(marker) : null));
        Assert.False(File.Exists(release));
        Assert.True(host.Host.Events.Store.List("gate-open").Count(e => e.State == EventStates.Succeeded) == 0, "no gate event may have finished yet");
        File.WriteAllText(release, "go");
        await Poll.UntilAsync(() => host.Host.Events.Store.List("gate-open").Count(e => e.State == EventStates.Succeeded) >= EventQueue.LaneWorkers + 2 ? "done" : null);
    }
}
