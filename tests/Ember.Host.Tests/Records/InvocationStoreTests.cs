using Ember.Host.Records;

namespace Ember.Host.Tests.Records;

/// <summary>The record store: written off the request path, waited for without polling.</summary>
public sealed class InvocationStoreTests
{
    private static InvocationRecord Record(string requestId) => new()
    {
        Function = "f",
        Version = "$LATEST",
        RequestId = requestId,
        ColdStart = false,
        DurationMs = 1.5,
        BilledDurationMs = 2,
        MemorySizeMb = 128,
        MaxMemoryUsedMb = 10,
        Outcome = "success",
        StartedAt = DateTimeOffset.UtcNow,
        EndedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task WhenWritten_WaitedBeforeOrAfterTheWrite_ReturnsTheRecord()
    {
        using var directory = new TempDirectory("ember-records-");
        await using var store = InvocationStore.Open(directory.Path);

        var before = store.WhenWrittenAsync("a", TimeSpan.FromSeconds(30));
        store.Add(Record("a"));
        store.Add(Record("b"));

        Assert.Equal("a", (await before)!.RequestId);
        Assert.Equal("b", (await store.WhenWrittenAsync("b", TimeSpan.FromSeconds(30)))!.RequestId);
    }

    [Fact]
    public async Task WhenWritten_NeverWritten_IsNullAfterTheTimeout()
    {
        using var directory = new TempDirectory("ember-records-");
        await using var store = InvocationStore.Open(directory.Path);

        Assert.Null(await store.WhenWrittenAsync("missing", TimeSpan.FromMilliseconds(50)));
    }
}
